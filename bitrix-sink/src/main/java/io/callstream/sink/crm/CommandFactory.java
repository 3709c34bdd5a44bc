package io.callstream.sink.crm;

import io.callstream.schemas.PbxCommand;
import io.callstream.sink.config.PortalConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one portal's request into a {@link PbxCommand}, or says why it cannot be one. A
 * click-to-call rings the clicking user's extension and carries the CALL_ID Bitrix24 registered;
 * a callback rings the configured callback extension and carries the CALL_ID registered here
 * with TYPE 4.
 */
final class CommandFactory {

  /** CALL_ID becomes a channel variable on the PBX, so only its documented shape passes. */
  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern ENTITY_TYPE = Pattern.compile("[A-Z_]{1,32}");
  private static final Pattern ENTITY_ID = Pattern.compile("[1-9][0-9]{0,9}");
  private static final List<String> CLICK_DETAILS = List.of("PHONE_NUMBER", "EXTENSION",
      "USER_ID", "CALL_LIST_ID", "LINE_NUMBER", "IS_MOBILE");
  private static final List<String> CALLBACK_DETAILS = List.of("PHONE_NUMBER", "TEXT", "VOICE",
      "LINE_NUMBER");
  private static final int MAX_DETAIL = 500;

  private final PortalConfig portal;
  private final AgentLookup agents;
  private final CallbackRegistrar registrar;
  private final Clock clock;

  CommandFactory(PortalConfig portal, AgentLookup agents, CallbackRegistrar registrar, Clock clock) {
    this.portal = portal;
    this.agents = agents;
    this.registrar = registrar;
    this.clock = clock;
  }

  Decision decide(CrmRequest r, String commandId) throws InterruptedException {
    Duration age = Duration.between(r.sentAt(), clock.instant());
    if (age.compareTo(portal.events().maxAge()) > 0) {
      return new Decision.Reject(r.event().eventName() + " is " + age.toSeconds()
          + " s old, more than bitrix.portal." + portal.id() + ".events.max.age.seconds="
          + portal.events().maxAge().toSeconds() + ": not calling that late");
    }
    String raw = r.event() == CrmEvent.CLICK_TO_CALL && !r.field("PHONE_NUMBER_INTERNATIONAL").isEmpty()
        ? r.field("PHONE_NUMBER_INTERNATIONAL") : r.field("PHONE_NUMBER");
    Optional<String> number = PbxValues.number(raw);
    if (number.isEmpty()) {
      return new Decision.Reject("number " + PbxValues.show(raw)
          + " is not digits with an optional leading '+' (at most 32 characters)");
    }
    return r.event() == CrmEvent.CLICK_TO_CALL ? clickToCall(r, commandId, number.get())
        : callback(r, commandId, number.get());
  }

  private Decision clickToCall(CrmRequest r, String commandId, String number)
      throws InterruptedException {
    String callId = r.field("CALL_ID");
    if (!CALL_ID.matcher(callId).matches()) {
      return new Decision.Reject("CALL_ID " + PbxValues.show(callId) + " is missing or not a "
          + "Bitrix24 call id");
    }
    String user = r.field("USER_ID");
    if (!user.matches("[1-9][0-9]{0,9}")) {
      return new Decision.Reject("USER_ID " + PbxValues.show(user) + " is not a Bitrix24 user id");
    }
    AgentLookup.Result agent = agents.extension(Long.parseLong(user), clock.millis());
    if (agent instanceof AgentLookup.Result.Missing m) {
      return new Decision.Reject(m.reason());
    }
    if (agent instanceof AgentLookup.Result.Unavailable u) {
      return new Decision.Later(u.reason());
    }
    String extension = ((AgentLookup.Result.Found) agent).extension();
    return new Decision.Publish(command(r, commandId, extension, number, callId, CLICK_DETAILS,
        Map.of()));
  }

  private Decision callback(CrmRequest r, String commandId, String number)
      throws InterruptedException {
    String key = "bitrix.portal." + portal.id() + ".";
    Optional<String> extension = portal.events().callbackExtension();
    if (extension.isEmpty()) {
      return new Decision.Reject("no extension to ring for callback requests: set "
          + key + "callback.extension");
    }
    Optional<Long> user = portal.events().callbackUserId().or(portal::missedOwnerUserId);
    if (user.isEmpty()) {
      return new Decision.Reject("no Bitrix24 user to register callback calls for: set "
          + key + "callback.user.id or " + key + "missed.owner.user.id");
    }
    CallbackRegistrar.Result registered = registrar.register(r, number, user.get(), commandId);
    if (registered instanceof CallbackRegistrar.Result.Refused f) {
      return new Decision.Reject(f.reason());
    }
    if (registered instanceof CallbackRegistrar.Result.Unavailable u) {
      return new Decision.Later(u.reason());
    }
    String callId = ((CallbackRegistrar.Result.Registered) registered).callId();
    return new Decision.Publish(command(r, commandId, extension.get(), number, callId,
        CALLBACK_DETAILS, Map.of("USER_ID", Long.toString(user.get()))));
  }

  private PbxCommand command(CrmRequest r, String commandId, String extension, String number,
      String callId, List<String> detailKeys, Map<String, String> extra) {
    Map<String, String> details = new LinkedHashMap<>();
    for (String k : detailKeys) {
      if (!r.field(k).isEmpty()) {
        // Details are informational; they still never carry control characters to the PBX side.
        String v = r.field(k).replaceAll("\\p{Cntrl}", " ");
        details.put(k, v.length() > MAX_DETAIL ? v.substring(0, MAX_DETAIL) : v);
      }
    }
    details.putAll(extra);
    String type = r.field("CRM_ENTITY_TYPE");
    String id = r.field("CRM_ENTITY_ID");
    return PbxCommand.newBuilder()
        .setCommandId(commandId)
        .setPbxId(portal.events().commandsPbx().orElseThrow())
        .setPortalId(portal.id())
        .setKind(r.event().kind())
        .setExtension(extension)
        .setNumber(number)
        .setCrmCallId(callId)
        .setCrmEntityType(ENTITY_TYPE.matcher(type).matches() ? type : null)
        .setCrmEntityId(ENTITY_ID.matcher(id).matches() ? id : null)
        .setDetails(details)
        .setRequestedAt(clock.instant())
        .build();
  }
}
