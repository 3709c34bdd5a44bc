package io.callstream.sink.mapping;

import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.Disposition;
import io.callstream.sink.config.RouteConfig;
import io.callstream.sink.config.SinkConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An internal call (extension to extension) as Bitrix24 understands one (contract §3.1): an
 * outgoing call (TYPE 1) of the calling agent whose PHONE_NUMBER is the called extension.
 * Bitrix24 recognises an active employee's extension there and files the call as internal: no
 * CRM search, no lead. The card is the caller's (shown at register, closed by finish with the
 * caller); the called agent's phone rings in the PBX, but a card of the caller's call, showing the
 * callee's own number, would tell them nothing, so none is shown. The caller is the company party
 * of this Bitrix24 call, so the finish is theirs: talk time, and the status of an outgoing call
 * (304 nobody answered, 486 busy, 603-S the caller gave up, ...). A transfer inside an internal
 * call does not split it: it stays one call of the caller.
 */
final class InternalCallSteps {

  private final SinkConfig config;
  private final PlanState s;
  private final CallEvent e;
  private final RouteConfig route;
  private final PlannedCommands out;

  InternalCallSteps(SinkConfig config, PlanState s, CallEvent e, RouteConfig route) {
    this.config = config;
    this.s = s;
    this.e = e;
    this.route = route;
    this.out = new PlannedCommands(s, e, route);
  }

  /** @return the commands, or the reason the call cannot be delivered */
  PlanResult apply() {
    String ext = e.getExtension();
    switch (e.getType()) {
      case STARTED -> {
        s.started = true;
        s.startedAt = e.getAt().toEpochMilli();
        if (ext != null) {
          s.callerExtension = ext;
        }
      }
      case RINGING -> {
        return registerFor(ext);
      }
      case ANSWERED -> {
        PlanResult r = registerFor(ext);
        if (s.legRegistered && s.legTalkStart == null) {
          s.legTalkStart = e.getAt().toEpochMilli();
          s.talking = ext;
        }
        return r;
      }
      case RECORDING -> s.recordingFile = e.getRecordingFile();
      case ENDED -> {
        return ended();
      }
      default -> {
        // RING_ENDED, TRANSFERRED, HELD, RESUMED: nothing changes for the caller's card.
      }
    }
    return PlanResult.of(out.list());
  }

  /** Registers the call when the first extension other than the caller's rings or answers. */
  private PlanResult registerFor(String called) {
    if (s.legRegistered || called == null || called.equals(s.callerExtension)) {
      return PlanResult.of(out.list());
    }
    Optional<String> problem = register(called);
    return problem.map(PlanResult::unmappable).orElseGet(() -> PlanResult.of(out.list()));
  }

  private PlanResult ended() {
    s.ended = true;
    if (e.getRecordingFile() != null) {
      s.recordingFile = e.getRecordingFile();
    }
    if (!s.legRegistered) {
      String called = e.getFinalExtension();
      if (called == null || called.equals(s.callerExtension)) {
        return PlanResult.unmappable("internal call from extension " + s.callerExtension
            + " ended without any other extension ringing: there is no called extension to "
            + "give Bitrix24 as PHONE_NUMBER");
      }
      Optional<String> problem = register(called);
      if (problem.isPresent()) {
        return PlanResult.unmappable(problem.get());
      }
    }
    boolean answered = s.legTalkStart != null || e.getDisposition() == Disposition.ANSWERED;
    String status = StatusCodes.forInternal(e.getDisposition(), e.getReason(), answered);
    long talk = !answered ? 0 : e.getTalkMillis() != null ? e.getTalkMillis()
        : s.legTalkStart == null ? 0 : e.getAt().toEpochMilli() - s.legTalkStart;
    out.emit(BitrixCommandKind.FINISH, List.of(s.callerExtension),
        CallPlanner.finishParams(null, status, CallPlanner.seconds(talk)));
    if (answered) {
      s.answeredLegs.add(out.legId());
    }
    RecordingAttachments.plan(config, s, out);
    return PlanResult.of(out.list());
  }

  private Optional<String> register(String called) {
    if (s.callerExtension == null) {
      return Optional.of("internal call to extension " + called + " without a calling extension: "
          + "Bitrix24 needs the caller's user for an internal call");
    }
    s.legRegistered = true;
    s.registeredExtension = s.callerExtension;
    s.calledExtension = called;
    s.shown.add(s.callerExtension);
    Map<String, String> p = new LinkedHashMap<>();
    p.put("PHONE_NUMBER", called);
    p.put("TYPE", "1");
    p.put("CALL_START_DATE", BitrixDates.format(s.startedAt, route.pbxZone()));
    // Bitrix24 ignores CRM creation for internal calls; 0 also keeps a lead from being made
    // for an extension that has no Bitrix24 user.
    p.put("CRM_CREATE", "0");
    p.put("SHOW", "1");
    p.put("EXTERNAL_CALL_ID", out.legId());
    out.emit(BitrixCommandKind.REGISTER, List.of(s.callerExtension), p);
    return Optional.empty();
  }
}
