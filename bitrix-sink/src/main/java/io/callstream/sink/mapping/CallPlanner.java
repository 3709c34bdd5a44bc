package io.callstream.sink.mapping;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.Direction;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.config.RouteConfig;
import io.callstream.sink.config.SinkConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a call's lifecycle, one event at a time, into Bitrix24 telephony commands: calls with an
 * outside party (and calls Bitrix24 registered itself) by {@link ExternalCallSteps}, internal
 * calls by {@link InternalCallSteps} or not at all ({@code bitrix.internal.calls.skip}). Pure: no
 * I/O, no clock; the same events give the same commands with the same ids.
 */
public final class CallPlanner {

  /** Parameter holding a Bitrix24 user id decided by the planner (missed-call owner). */
  public static final String OWNER_PARAM = "USER_ID";
  /** Parameter marking that a FILENAME must be uploaded from the recordings directory. */
  public static final String UPLOAD_PARAM = "X_UPLOAD_FROM_DIRECTORY";
  /** Parameter carrying a CALL_ID Bitrix24 assigned itself (click-to-call). */
  public static final String CRM_CALL_ID_PARAM = "CALL_ID";

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
    boolean crmCallIdArrives = event.getCrmCallId() != null && state.crmCallId == null
        // Our own internal-call registration stands; the CRM's call is closed by its timeout.
        && !(state.internal && state.legRegistered);
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
    remember(state, event);
    boolean claimed = false;
    if (crmCallIdArrives && state.leg == 0) {
      // Started from the CRM: Bitrix24 already registered this call (contract §5.2).
      state.crmCallId = event.getCrmCallId();
      state.internal = false;
      state.legRegistered = true;
      if (event.getExtension() != null && state.registeredExtension == null) {
        state.registeredExtension = event.getExtension();
      }
      claimed = true;
    }
    Direction direction = Direction.valueOf(state.direction);
    boolean crmCall = state.crmCallId != null;
    if (!crmCall && (direction == Direction.INTERNAL || state.internal)) {
      return internal(state, event, route);
    }
    if (!crmCall && direction == Direction.UNKNOWN) {
      state.skipped = true;
      return PlanResult.unmappable("call direction is " + direction
          + ": Bitrix24 needs an inbound or outbound call with an outside number");
    }
    if (!crmCall && (state.externalNumber == null || state.externalNumber.isBlank())) {
      state.skipped = true;
      return PlanResult.unmappable(direction + " call without an outside number");
    }
    return PlanResult.of(new ExternalCallSteps(config, state, event, route, portal, direction)
        .apply(claimed).list());
  }

  private PlanResult internal(PlanState state, CallEvent event, RouteConfig route) {
    if (config.skipInternalCalls()) {
      state.skipped = true;
      return PlanResult.of(List.of());
    }
    state.internal = true;
    PlanResult r = new InternalCallSteps(config, state, event, route).apply();
    if (r.unmappableReason().isPresent()) {
      state.skipped = true;
    }
    return r;
  }

  private static void remember(PlanState state, CallEvent event) {
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
  }

  static Map<String, String> finishParams(Long userId, String statusCode, long durationSeconds) {
    Map<String, String> p = new LinkedHashMap<>();
    if (userId != null) {
      p.put(OWNER_PARAM, Long.toString(userId));
    }
    p.put("DURATION", Long.toString(durationSeconds));
    p.put("STATUS_CODE", statusCode);
    p.put("ADD_TO_CHAT", "0");
    return p;
  }

  static long seconds(long millis) {
    return Math.max(0, (millis + 500) / 1000);
  }
}
