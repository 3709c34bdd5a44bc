package io.callstream.sink.crm;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.PbxCommand;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.mapping.CrmCallTimeout;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * For every call Bitrix24 holds open because of a request (click-to-call: Bitrix24 registered it;
 * callback: the receiver did), the {@link CrmCallTimeout} that finishes it if the PBX never
 * reports it: {@code bitrix.crm.call.timeout.seconds} after the request, or at once when the
 * request is refused and so never reaches a PBX.
 */
final class CrmCallWatch {

  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern USER_ID = Pattern.compile("[1-9][0-9]{0,9}");

  private final SinkConfig config;
  private final Clock clock;

  CrmCallWatch(SinkConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** The timeout of a published command's CRM call. */
  Optional<BitrixCommand> forCommand(PbxCommand c) {
    String user = c.getDetails().get("USER_ID");
    if (c.getCrmCallId() == null || user == null || !USER_ID.matcher(user).matches()) {
      return Optional.empty();
    }
    Instant finishAt = c.getRequestedAt().plus(config.crmCallTimeout());
    return Optional.of(CrmCallTimeout.finishUnlessClaimed(c.getPortalId(), c.getPbxId(),
        c.getCommandId(), c.getCrmCallId(), Long.parseLong(user), c.getRequestedAt(), finishAt,
        "the PBX did not report this call within " + config.crmCallTimeout().toSeconds()
            + " s of the request"));
  }

  /**
   * A refused click-to-call still has the call Bitrix24 registered before sending the event: it
   * is finished now (if its CALL_ID and user can be trusted; otherwise there is nothing to
   * finish safely). A refused callback request has no call (the receiver registers only what it
   * publishes).
   */
  Optional<BitrixCommand> forRefused(CrmRequest r, String requestId, String reason) {
    String callId = r.field("CALL_ID");
    String user = r.field("USER_ID");
    if (r.event() != CrmEvent.CLICK_TO_CALL || !CALL_ID.matcher(callId).matches()
        || !USER_ID.matcher(user).matches()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String pbx = config.portals().get(r.portalId()).events().commandsPbx().orElse("");
    return Optional.of(CrmCallTimeout.finishUnlessClaimed(r.portalId(), pbx, requestId, callId,
        Long.parseLong(user), now, now, "not called: " + reason));
  }
}
