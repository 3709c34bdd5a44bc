package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.OutcomeStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sink's memory of what Bitrix24 already did, rebuilt from {@code crm.bitrix.outcomes}:
 * which commands are done (so they are not sent again) and each leg's CALL_ID.
 */
final class OutcomeIndex {

  private final Map<String, OutcomeStatus> byCommand = new HashMap<>();
  private final Map<String, String> callIdByLeg = new HashMap<>();
  private final Set<String> deadLegs = new HashSet<>();

  void add(BitrixOutcome o) {
    byCommand.put(o.getCommandId(), o.getStatus());
    if (o.getKind() == BitrixCommandKind.REGISTER) {
      if (o.getBitrixCallId() != null) {
        callIdByLeg.put(o.getLegId(), o.getBitrixCallId());
        deadLegs.remove(o.getLegId());
      } else if (o.getStatus() == OutcomeStatus.DEAD_LETTERED) {
        deadLegs.add(o.getLegId());
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
    deadLegs.addAll(fresh.deadLegs);
  }

  /** Done for good: applied, already applied or skipped. A dead letter can be re-driven. */
  boolean done(String commandId) {
    OutcomeStatus s = byCommand.get(commandId);
    return s == OutcomeStatus.APPLIED || s == OutcomeStatus.ALREADY_APPLIED
        || s == OutcomeStatus.SKIPPED;
  }

  /** Bitrix24 did it: applied, or found already applied. */
  boolean applied(String commandId) {
    OutcomeStatus s = byCommand.get(commandId);
    return s == OutcomeStatus.APPLIED || s == OutcomeStatus.ALREADY_APPLIED;
  }

  Optional<String> callId(String legId) {
    return Optional.ofNullable(callIdByLeg.get(legId));
  }

  boolean legDead(String legId) {
    return deadLegs.contains(legId);
  }

  int size() {
    return byCommand.size();
  }
}
