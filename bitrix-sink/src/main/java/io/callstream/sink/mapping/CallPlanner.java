package io.callstream.sink.mapping;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.Direction;
import io.callstream.schemas.Transfer;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.config.RouteConfig;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.config.TransferMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a call's lifecycle, one event at a time, into Bitrix24 telephony commands, following the
 * contract's queue scenario: register for the first ringing agent (card shown), show for other
 * ringing agents, hide when an agent stops ringing or someone else answers, hide the remaining
 * cards before finish, finish with the agent who talked, then the recording. Pure: no I/O, no
 * clock; the same events give the same commands with the same ids.
 */
public final class CallPlanner {

  /** Parameter holding a Bitrix24 user id decided by the planner (missed-call owner). */
  public static final String OWNER_PARAM = "USER_ID";
  /** Parameter marking that a FILENAME must be uploaded from the recordings directory. */
  public static final String UPLOAD_PARAM = "X_UPLOAD_FROM_DIRECTORY";
  /** Parameter carrying a CALL_ID Bitrix24 assigned itself (click-to-call). */
  public static final String CRM_CALL_ID_PARAM = "CALL_ID";
  private static final String LEG_SEPARATOR = "#";

  private final SinkConfig config;

  public CallPlanner(SinkConfig config) {
    this.config = config;
  }

  /** Plans the commands for {@code event}, updating {@code state} in place. */
  public PlanResult apply(PlanState state, CallEvent event) {
    if (event.getSequence() <= state.lastSequence) {
      return PlanResult.of(List.of());
    }
    state.lastSequence = event.getSequence();
    boolean crmCallIdArrives = event.getCrmCallId() != null && state.crmCallId == null;
    if (state.ended || state.skipped && !crmCallIdArrives) {
      return PlanResult.of(List.of());
    }
    // A call Bitrix24 registered (click-to-call, or a callback we registered) must be finished
    // whatever else the lifecycle says, or its CRM activity stays open for 30 days.
    state.skipped = false;
    RouteConfig route = config.route(event.getPbxId()).orElse(null);
    if (route == null) {
      state.skipped = true;
      return PlanResult.unmappable("no portal is configured for PBX '" + event.getPbxId()
          + "' (add it to " + SinkConfig.ROUTES + ")");
    }
    PortalConfig portal = config.portals().get(route.portalId());
    if (state.pbxId == null) {
      state.pbxId = event.getPbxId();
      state.startedAt = event.getAt().toEpochMilli();
      state.legStartedAt = event.getAt().toEpochMilli();
    }
    if (event.getDirection() != Direction.UNKNOWN || state.direction == null) {
      state.direction = event.getDirection().name();
    }
    if (event.getExternalNumber() != null) {
      state.externalNumber = event.getExternalNumber();
    }
    if (event.getLine() != null) {
      state.line = event.getLine();
    }
    if (event.getCrmCallId() != null && state.crmCallId == null && state.leg == 0) {
      // Started from the CRM: Bitrix24 already registered this call (contract §5.2).
      state.crmCallId = event.getCrmCallId();
      state.legRegistered = true;
      if (event.getExtension() != null && state.registeredExtension == null) {
        state.registeredExtension = event.getExtension();
      }
    }
    Direction direction = Direction.valueOf(state.direction);
    boolean crmCall = state.crmCallId != null;
    if (!crmCall && direction == Direction.INTERNAL && config.skipInternalCalls()) {
      state.skipped = true;
      return PlanResult.of(List.of());
    }
    if (!crmCall && (direction == Direction.UNKNOWN || direction == Direction.INTERNAL)) {
      state.skipped = true;
      return PlanResult.unmappable("call direction is " + direction
          + ": Bitrix24 needs an inbound or outbound call with an outside number");
    }
    if (!crmCall && (state.externalNumber == null || state.externalNumber.isBlank())) {
      state.skipped = true;
      return PlanResult.unmappable(direction + " call without an outside number");
    }
    Step step = new Step(state, event, route, portal, direction);
    switch (event.getType()) {
      case STARTED -> step.started();
      case RINGING -> step.ringing();
      case RING_ENDED -> step.ringEnded();
      case ANSWERED -> step.answered();
      case TRANSFERRED -> step.transferred();
      case RECORDING -> state.recordingFile = event.getRecordingFile();
      case ENDED -> step.ended();
      default -> {
        // HELD, RESUMED and unknown steps change nothing in Bitrix24.
      }
    }
    return PlanResult.of(step.out);
  }

  /** Everything one event needs, so the handlers below stay short. */
  private final class Step {
    private final PlanState s;
    private final CallEvent e;
    private final RouteConfig route;
    private final PortalConfig portal;
    private final Direction direction;
    private final List<BitrixCommand> out = new ArrayList<>();

    Step(PlanState s, CallEvent e, RouteConfig route, PortalConfig portal, Direction direction) {
      this.s = s;
      this.e = e;
      this.route = route;
      this.portal = portal;
      this.direction = direction;
    }

    void started() {
      s.started = true;
      s.startedAt = e.getAt().toEpochMilli();
      s.legStartedAt = e.getAt().toEpochMilli();
      if (direction == Direction.OUTBOUND && e.getExtension() != null && !s.legRegistered) {
        register(e.getExtension(), true);
      }
    }

    void ringing() {
      String ext = e.getExtension();
      if (ext == null || s.legClosed) {
        return;
      }
      if (!s.legRegistered) {
        register(ext, true);
      } else if (!s.shown.contains(ext) && direction == Direction.INBOUND) {
        s.shown.add(ext);
        emit(BitrixCommandKind.SHOW, List.of(ext), Map.of());
      }
    }

    void ringEnded() {
      String ext = e.getExtension();
      boolean answeredHere = "answered".equalsIgnoreCase(e.getReason());
      if (ext != null && s.shown.contains(ext) && !answeredHere && !ext.equals(s.talking)) {
        s.shown.remove(ext);
        emit(BitrixCommandKind.HIDE, List.of(ext), Map.of());
      }
    }

    void answered() {
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

    void transferred() {
      Transfer t = e.getTransfer();
      if (t == null || s.legClosed) {
        return;
      }
      String from = t.getFrom() != null ? t.getFrom() : s.talking;
      if (config.transferMode() == TransferMode.SINGLE_CALL) {
        if (t.getTo() != null) {
          if (!s.shown.contains(t.getTo())) {
            s.shown.add(t.getTo());
            emit(BitrixCommandKind.SHOW, List.of(t.getTo()), Map.of());
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
      finish(from, null, StatusCodes.ANSWERED, seconds(t.getAt().toEpochMilli() - talkStart));
      s.answeredLegs.add(legId());
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

    void ended() {
      s.ended = true;
      if (e.getRecordingFile() != null) {
        s.recordingFile = e.getRecordingFile();
      }
      if (!s.legClosed) {
        finishCurrentLeg();
      }
      attachRecordings();
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
        finish(finisher, null, statusCode, seconds(duration));
        s.answeredLegs.add(legId());
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

    private void attachRecordings() {
      if (s.recordingFile == null || s.answeredLegs.isEmpty()) {
        return;
      }
      String file = s.recordingFile.substring(s.recordingFile.lastIndexOf('/') + 1);
      Map<String, String> params = new LinkedHashMap<>();
      if (config.recordingUrlTemplate().isPresent()) {
        params.put("RECORD_URL", config.recordingUrlTemplate().get().replace("{file}", file));
        params.put("FILENAME", file);
      } else if (config.recordingDirectory().isPresent()) {
        params.put("FILENAME", file);
        params.put(UPLOAD_PARAM, "1");
      } else {
        return;
      }
      for (String leg : s.answeredLegs) {
        out.add(command(leg, BitrixCommandKind.ATTACH_RECORD, List.of(), params));
      }
    }

    private void register(String extension, boolean show) {
      s.legRegistered = true;
      s.registeredExtension = extension;
      if (show && extension != null) {
        s.shown.add(extension);
      }
      emit(BitrixCommandKind.REGISTER, extension == null ? List.of() : List.of(extension),
          registerParams(show));
    }

    private void registerForOwner() {
      s.legRegistered = true;
      Map<String, String> params = registerParams(false);
      portal.missedOwnerUserId().ifPresent(id -> params.put(OWNER_PARAM, Long.toString(id)));
      emit(BitrixCommandKind.REGISTER, List.of(), params);
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
      p.put("EXTERNAL_CALL_ID", legId());
      return p;
    }

    private void finish(String extension, Long userId, String statusCode, long durationSeconds) {
      Map<String, String> p = new LinkedHashMap<>();
      if (userId != null) {
        p.put(OWNER_PARAM, Long.toString(userId));
      }
      p.put("DURATION", Long.toString(durationSeconds));
      p.put("STATUS_CODE", statusCode);
      p.put("ADD_TO_CHAT", "0");
      emit(BitrixCommandKind.FINISH, extension == null || userId != null ? List.of()
          : List.of(extension), p);
    }

    private void hideAllExcept(String keep) {
      List<String> hide = s.shown.stream().filter(x -> !Objects.equals(x, keep)).toList();
      if (!hide.isEmpty()) {
        emit(BitrixCommandKind.HIDE, hide, Map.of());
        s.shown.removeAll(hide);
      }
    }

    private void emit(BitrixCommandKind kind, List<String> extensions, Map<String, String> params) {
      out.add(command(legId(), kind, extensions, params));
    }

    private BitrixCommand command(String legId, BitrixCommandKind kind, List<String> extensions,
        Map<String, String> params) {
      if (s.crmCallId != null && legId.equals(e.getCallId())) {
        params = new LinkedHashMap<>(params);
        params.put(CRM_CALL_ID_PARAM, s.crmCallId);
      }
      return BitrixCommand.newBuilder()
          .setCommandId(legId + "/" + e.getSequence() + "/" + out.size() + "/" + kind)
          .setPortalId(route.portalId())
          .setPbxId(e.getPbxId())
          .setCallId(e.getCallId())
          .setLegId(legId)
          .setKind(kind)
          .setExtensions(List.copyOf(extensions))
          .setParams(new LinkedHashMap<>(params))
          .setCreatedAt(e.getAt())
          .build();
    }

    private String legId() {
      return s.leg == 0 ? e.getCallId() : e.getCallId() + LEG_SEPARATOR + s.leg;
    }
  }

  private static long seconds(long millis) {
    return Math.max(0, (millis + 500) / 1000);
  }
}
