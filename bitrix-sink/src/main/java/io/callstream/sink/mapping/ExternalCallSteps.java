package io.callstream.sink.mapping;

import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.Direction;
import io.callstream.schemas.Transfer;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.config.RouteConfig;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.config.TransferMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The contract's queue scenario for a call with an outside party (and for calls Bitrix24
 * registered itself): register for the first ringing agent (card shown), show for other ringing
 * agents, hide when an agent stops ringing or someone else answers, hide the remaining cards
 * before finish, finish with the agent who talked, then the recording.
 */
final class ExternalCallSteps {

  private final SinkConfig config;
  private final PlanState s;
  private final CallEvent e;
  private final RouteConfig route;
  private final PortalConfig portal;
  private final Direction direction;
  private final PlannedCommands out;

  ExternalCallSteps(SinkConfig config, PlanState s, CallEvent e, RouteConfig route,
      PortalConfig portal, Direction direction) {
    this.config = config;
    this.s = s;
    this.e = e;
    this.route = route;
    this.portal = portal;
    this.direction = direction;
    this.out = new PlannedCommands(s, e, route);
  }

  PlannedCommands apply(boolean crmCallIdArrived) {
    if (crmCallIdArrived) {
      claimCrmCall();
    }
    switch (e.getType()) {
      case STARTED -> started();
      case RINGING -> ringing();
      case RING_ENDED -> ringEnded();
      case ANSWERED -> answered();
      case TRANSFERRED -> transferred();
      case RECORDING -> s.recordingFile = e.getRecordingFile();
      case ENDED -> ended();
      default -> {
        // HELD, RESUMED and unknown steps change nothing in Bitrix24.
      }
    }
    return out;
  }

  /**
   * The first sign of a call Bitrix24 registered itself: show its card to the agent the PBX rings
   * for it (for a callback, registered without a card, the agent sees the customer's card). Being
   * the call's first command carrying the CRM's CALL_ID, it also tells the dispatcher that the
   * call has a lifecycle, so its {@link CrmCallTimeout} must not finish it.
   */
  private void claimCrmCall() {
    String ext = e.getExtension() != null ? e.getExtension() : s.registeredExtension;
    if (ext != null) {
      s.shown.add(ext);
    }
    out.emit(BitrixCommandKind.SHOW, ext == null ? List.of() : List.of(ext), Map.of());
  }

  private void started() {
    s.started = true;
    s.startedAt = e.getAt().toEpochMilli();
    s.legStartedAt = e.getAt().toEpochMilli();
    if (direction == Direction.OUTBOUND && e.getExtension() != null && !s.legRegistered) {
      register(e.getExtension(), true);
    }
  }

  private void ringing() {
    String ext = e.getExtension();
    if (ext == null || s.legClosed) {
      return;
    }
    if (!s.legRegistered) {
      register(ext, true);
    } else if (!s.shown.contains(ext) && direction == Direction.INBOUND) {
      s.shown.add(ext);
      out.emit(BitrixCommandKind.SHOW, List.of(ext), Map.of());
    }
  }

  private void ringEnded() {
    String ext = e.getExtension();
    boolean answeredHere = "answered".equalsIgnoreCase(e.getReason());
    if (ext != null && s.shown.contains(ext) && !answeredHere && !ext.equals(s.talking)) {
      s.shown.remove(ext);
      out.emit(BitrixCommandKind.HIDE, List.of(ext), Map.of());
    }
  }

  private void answered() {
    String ext = e.getExtension();
    if (ext == null || s.legClosed) {
      return;
    }
    if (!s.legRegistered) {
      register(ext, true);
    }
    if (s.legTalkStart == null || s.talking == null) {
      s.legTalkStart = e.getAt().toEpochMilli();
    }
    s.talking = ext;
    hideAllExcept(ext);
  }

  private void transferred() {
    Transfer t = e.getTransfer();
    if (t == null || s.legClosed) {
      return;
    }
    String from = t.getFrom() != null ? t.getFrom() : s.talking;
    if (config.transferMode() == TransferMode.SINGLE_CALL) {
      if (t.getTo() != null) {
        if (!s.shown.contains(t.getTo())) {
          s.shown.add(t.getTo());
          out.emit(BitrixCommandKind.SHOW, List.of(t.getTo()), Map.of());
        }
        s.talking = t.getTo();
        hideAllExcept(t.getTo());
      }
      return;
    }
    if (!s.legRegistered) {
      return;
    }
    hideAllExcept(from);
    long talkStart = s.legTalkStart == null ? t.getAt().toEpochMilli() : s.legTalkStart;
    finish(from, null, StatusCodes.ANSWERED, CallPlanner.seconds(t.getAt().toEpochMilli() - talkStart));
    s.answeredLegs.add(out.legId());
    if (t.getTo() == null) {
      s.legClosed = true;
      return;
    }
    s.leg++;
    s.legRegistered = false;
    s.shown.clear();
    s.legStartedAt = t.getAt().toEpochMilli();
    s.legTalkStart = t.getAt().toEpochMilli();
    s.talking = t.getTo();
    register(t.getTo(), true);
  }

  private void ended() {
    s.ended = true;
    if (e.getRecordingFile() != null) {
      s.recordingFile = e.getRecordingFile();
    }
    if (!s.legClosed) {
      finishCurrentLeg();
    }
    RecordingAttachments.plan(config, s, out);
  }

  private void finishCurrentLeg() {
    boolean answered = s.talking != null && s.legTalkStart != null;
    String statusCode = StatusCodes.forEnd(direction, e.getDisposition(), e.getReason(), answered);
    if (!s.legRegistered) {
      // Nobody's phone rang (IVR, announcement, closed hours): still a call, owned by the
      // configured owner, so the lead is not lost.
      registerForOwner();
      finish(null, portal.missedOwnerUserId().orElse(null), statusCode, 0);
      return;
    }
    if (answered) {
      String finisher = config.transferMode() == TransferMode.SINGLE_CALL
          && e.getFinalExtension() != null ? e.getFinalExtension() : s.talking;
      hideAllExcept(finisher);
      // The first leg (the whole call in single-call mode) takes the correlator's talk time;
      // a later leg runs from its transfer to the end.
      long duration = s.leg == 0 && e.getTalkMillis() != null
          ? e.getTalkMillis() : e.getAt().toEpochMilli() - s.legTalkStart;
      finish(finisher, null, statusCode, CallPlanner.seconds(duration));
      s.answeredLegs.add(out.legId());
      return;
    }
    // An unanswered outbound call stays with the agent who dialled; inbound goes to the owner,
    // and so does a CRM-started call whose agent never showed up in the lifecycle.
    Long owner = direction == Direction.INBOUND || s.registeredExtension == null
        ? portal.missedOwnerUserId().orElse(null) : null;
    String finisher = owner == null ? s.registeredExtension : null;
    hideAllExcept(finisher);
    finish(finisher, owner, statusCode, 0);
  }

  private void register(String extension, boolean show) {
    s.legRegistered = true;
    s.registeredExtension = extension;
    if (show && extension != null) {
      s.shown.add(extension);
    }
    out.emit(BitrixCommandKind.REGISTER, extension == null ? List.of() : List.of(extension),
        registerParams(show));
  }

  private void registerForOwner() {
    s.legRegistered = true;
    Map<String, String> params = registerParams(false);
    portal.missedOwnerUserId().ifPresent(id -> params.put(CallPlanner.OWNER_PARAM, Long.toString(id)));
    out.emit(BitrixCommandKind.REGISTER, List.of(), params);
  }

  private Map<String, String> registerParams(boolean show) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("PHONE_NUMBER", s.externalNumber);
    p.put("TYPE", direction == Direction.OUTBOUND ? "1" : "2");
    p.put("CALL_START_DATE", BitrixDates.format(s.leg == 0 ? s.startedAt : s.legStartedAt,
        route.pbxZone()));
    p.put("CRM_CREATE", portal.crmCreate() ? "1" : "0");
    portal.crmSource().ifPresent(src -> p.put("CRM_SOURCE", src));
    p.put("SHOW", show ? "1" : "0");
    if (s.line != null) {
      p.put("LINE_NUMBER", s.line);
    }
    p.put("EXTERNAL_CALL_ID", out.legId());
    return p;
  }

  private void finish(String extension, Long userId, String statusCode, long durationSeconds) {
    out.emit(BitrixCommandKind.FINISH, extension == null || userId != null ? List.of()
        : List.of(extension), CallPlanner.finishParams(userId, statusCode, durationSeconds));
  }

  private void hideAllExcept(String keep) {
    List<String> hide = s.shown.stream().filter(x -> !Objects.equals(x, keep)).toList();
    if (!hide.isEmpty()) {
      out.emit(BitrixCommandKind.HIDE, hide, Map.of());
      s.shown.removeAll(hide);
    }
  }
}
