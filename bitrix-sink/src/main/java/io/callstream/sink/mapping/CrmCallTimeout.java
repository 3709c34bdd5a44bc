package io.callstream.sink.mapping;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The finish that closes a call Bitrix24 registered for a click-to-call or a callback request when
 * the PBX never reports that call (PBX down, command refused, invalid number): published by the
 * receiver together with the PBX command, held by the dispatcher until {@link #FINISH_AT_PARAM},
 * and dropped as soon as any lifecycle command for the same CALL_ID arrives (the planner's first
 * command of such a call always carries that CALL_ID). Its id is derived from the CALL_ID, so a
 * lifecycle that turns up after the timeout fired finds it applied and does not finish again.
 */
public final class CrmCallTimeout {

  /** When to finish (epoch milliseconds) if no lifecycle command claimed the call by then. */
  public static final String FINISH_AT_PARAM = "X_FINISH_IF_NO_LIFECYCLE_AT";
  /** Not answered: the status an unanswered click-to-call gets from the lifecycle too. */
  public static final String NOT_ANSWERED = "304";
  private static final int MAX_REASON = 250;

  private CrmCallTimeout() {
  }

  public static String commandId(String portalId, String crmCallId) {
    return "bitrix:" + portalId + ":crm-timeout:" + crmCallId;
  }

  /**
   * @param requestId the PBX command's id, which also names the call in outcomes and dead letters
   * @param userId who finishes: the clicking user, or the user the callback was registered for
   */
  public static BitrixCommand finishUnlessClaimed(String portalId, String pbxId, String requestId,
      String crmCallId, long userId, Instant requestedAt, Instant finishAt, String reason) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(CallPlanner.CRM_CALL_ID_PARAM, crmCallId);
    p.put(CallPlanner.OWNER_PARAM, Long.toString(userId));
    p.put("DURATION", "0");
    p.put("STATUS_CODE", NOT_ANSWERED);
    p.put("FAILED_REASON", reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
    p.put("ADD_TO_CHAT", "0");
    p.put(FINISH_AT_PARAM, Long.toString(finishAt.toEpochMilli()));
    return BitrixCommand.newBuilder()
        .setCommandId(commandId(portalId, crmCallId))
        .setPortalId(portalId)
        .setPbxId(pbxId)
        .setCallId(requestId)
        .setLegId(requestId)
        .setKind(BitrixCommandKind.FINISH)
        .setExtensions(List.of())
        .setParams(p)
        .setCreatedAt(requestedAt)
        .build();
  }

  public static boolean isTimeout(BitrixCommand c) {
    return c.getKind() == BitrixCommandKind.FINISH && c.getParams().containsKey(FINISH_AT_PARAM);
  }

  /** When {@code timeout} (see {@link #isTimeout}) is due, epoch milliseconds. */
  public static long finishAt(BitrixCommand timeout) {
    try {
      return Long.parseLong(timeout.getParams().get(FINISH_AT_PARAM));
    } catch (NumberFormatException e) {
      return timeout.getCreatedAt().toEpochMilli();
    }
  }

  /** The CRM's CALL_ID a command is about, when the call was registered by Bitrix24 itself. */
  public static Optional<String> crmCallId(BitrixCommand c) {
    return Optional.ofNullable(c.getParams().get(CallPlanner.CRM_CALL_ID_PARAM));
  }
}
