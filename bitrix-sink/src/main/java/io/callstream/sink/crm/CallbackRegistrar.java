package io.callstream.sink.crm;

import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.client.ErrorClass;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.mapping.BitrixDates;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Registers the Bitrix24 call of a callback request (TYPE 4, contract §5.3), before the command
 * exists, so the command carries its CALL_ID and the lifecycle finishes it like a click-to-call.
 * Repeating the register after a lost answer or a restart is safe: the same user, number, TYPE,
 * line and EXTERNAL_CALL_ID (the command id) within 30 minutes of CALL_START_DATE (the request's
 * own time) return the same CALL_ID (§3.1).
 */
final class CallbackRegistrar {

  /** The outcome of a registration. */
  sealed interface Result {
    record Registered(String callId) implements Result {
    }

    record Refused(String reason) implements Result {
    }

    record Unavailable(String reason) implements Result {
    }
  }

  private static final Set<String> ENTITY_TYPES = Set.of("CONTACT", "COMPANY", "LEAD");

  private final BitrixClient client;
  private final BoundedCalls calls;
  private final PortalConfig portal;

  CallbackRegistrar(BitrixClient client, BoundedCalls calls, PortalConfig portal) {
    this.client = client;
    this.calls = calls;
    this.portal = portal;
  }

  Result register(CrmRequest r, String number, long userId, String commandId)
      throws InterruptedException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("USER_ID", userId);
    p.put("PHONE_NUMBER", number);
    p.put("TYPE", 4);
    p.put("CALL_START_DATE", BitrixDates.format(r.sentAt().toEpochMilli(), ZoneOffset.UTC));
    p.put("CRM_CREATE", portal.crmCreate() ? 1 : 0);
    portal.crmSource().ifPresent(s -> p.put("CRM_SOURCE", s));
    String type = r.field("CRM_ENTITY_TYPE");
    String id = r.field("CRM_ENTITY_ID");
    if (ENTITY_TYPES.contains(type) && id.matches("[1-9][0-9]{0,9}")) {
      p.put("CRM_ENTITY_TYPE", type);
      p.put("CRM_ENTITY_ID", id);
    }
    // No card yet: finish hides only the finishing user's card, so a card shown now to another
    // user would stay open.
    p.put("SHOW", 0);
    if (!r.field("LINE_NUMBER").isEmpty()) {
      p.put("LINE_NUMBER", r.field("LINE_NUMBER"));
    }
    p.put("EXTERNAL_CALL_ID", commandId);
    BitrixReply reply = calls.call(client, "telephony.externalcall.register", p, true);
    if (reply instanceof BitrixReply.Success s && !s.result().path("CALL_ID").asText("").isEmpty()) {
      return new Result.Registered(s.result().path("CALL_ID").asText());
    }
    if (reply instanceof BitrixReply.Failure f && f.errorClass() == ErrorClass.PERMANENT) {
      return new Result.Refused("register of the callback call refused: " + f.error());
    }
    return new Result.Unavailable("register of the callback call failed: "
        + (reply instanceof BitrixReply.Failure f ? f.error() : "no CALL_ID in the answer"));
  }
}
