package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.OutcomeStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sink's memory of what Bitrix24 already did, rebuilt from {@code crm.bitrix.outcomes}:
 * which commands are done (so they are not sent again) and each leg's CALL_ID. Every entry keeps
 * when its outcome was completed, so what is older than the {@link DedupWindow} can be forgotten.
 */
final class OutcomeIndex {

  private record Done(OutcomeStatus status, long atMillis) {
  }

  private record Leg(String callId, long atMillis) {
  }

  private final Map<String, Done> byCommand = new HashMap<>();
  private final Map<String, Leg> callIdByLeg = new HashMap<>();
  private final Map<String, Long> deadLegs = new HashMap<>();

  void add(BitrixOutcome o) {
    long at = o.getCompletedAt().toEpochMilli();
    byCommand.put(o.getCommandId(), new Done(o.getStatus(), at));
    if (o.getKind() == BitrixCommandKind.REGISTER) {
      if (o.getBitrixCallId() != null) {
        callIdByLeg.put(o.getLegId(), new Leg(o.getBitrixCallId(), at));
        deadLegs.remove(o.getLegId());
      } else if (o.getStatus() == OutcomeStatus.DEAD_LETTERED) {
        deadLegs.put(o.getLegId(), at);
      }
    }
  }

  /** Replaces everything known with what {@code fresh} (read from the topic) knows. */
  void replaceWith(OutcomeIndex fresh) {
    byCommand.clear();
    byCommand.putAll(fresh.byCommand);
    callIdByLeg.clear();
    callIdByLeg.putAll(fresh.callIdByLeg);
    deadLegs.clear();
    deadLegs.putAll(fresh.deadLegs);
  }

  /** Forgets outcomes completed before {@code cutoffMillis}; returns how many commands went. */
  int forgetBefore(long cutoffMillis) {
    int before = byCommand.size();
    byCommand.values().removeIf(d -> d.atMillis() < cutoffMillis);
    callIdByLeg.values().removeIf(l -> l.atMillis() < cutoffMillis);
    deadLegs.values().removeIf(at -> at < cutoffMillis);
    return before - byCommand.size();
  }

  /** Done for good: applied, already applied or skipped. A dead letter can be re-driven. */
  boolean done(String commandId) {
    OutcomeStatus s = status(commandId);
    return s == OutcomeStatus.APPLIED || s == OutcomeStatus.ALREADY_APPLIED
        || s == OutcomeStatus.SKIPPED;
  }

  /** Bitrix24 did it: applied, or found already applied. */
  boolean applied(String commandId) {
    OutcomeStatus s = status(commandId);
    return s == OutcomeStatus.APPLIED || s == OutcomeStatus.ALREADY_APPLIED;
  }

  private OutcomeStatus status(String commandId) {
    Done d = byCommand.get(commandId);
    return d == null ? null : d.status();
  }

  Optional<String> callId(String legId) {
    return Optional.ofNullable(callIdByLeg.get(legId)).map(Leg::callId);
  }

  boolean legDead(String legId) {
    return deadLegs.containsKey(legId);
  }

  int size() {
    return byCommand.size();
  }
}
