package io.callstream.sink.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How one portal's CRM requests are received and turned into PBX commands.
 *
 * @param applicationToken {@code auth[application_token]} every handler request must carry
 *     (secret; handler mode only)
 * @param handlerUrl the public URL bound with {@code event.bind} (handler mode only)
 * @param memberId when set, handler requests must also carry this {@code auth[member_id]}
 * @param commandsPbx the PBX that executes this portal's requests
 * @param callbackExtension extension (or queue) whose phone rings first for a callback request
 * @param callbackUserId Bitrix24 user a callback call is registered for
 * @param maxAge requests older than this are not executed (an agent's phone ringing minutes after
 *     the click surprises everyone)
 */
public record EventsConfig(
    EventsMode mode,
    Optional<String> applicationToken,
    Optional<String> handlerUrl,
    Optional<String> memberId,
    Optional<String> commandsPbx,
    Optional<String> callbackExtension,
    Optional<Long> callbackUserId,
    Duration maxAge) {

  public static EventsConfig off() {
    return new EventsConfig(EventsMode.OFF, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMinutes(2));
  }

  @Override
  public String toString() {
    return "EventsConfig[mode=" + mode + ", applicationToken=" + applicationToken.map(t -> "***")
        .orElse("none") + ", handlerUrl=" + handlerUrl.orElse("none") + ", memberId="
        + memberId.orElse("any") + ", commandsPbx="
        + commandsPbx.orElse("none") + ", callbackExtension=" + callbackExtension.orElse("none")
        + ", callbackUserId=" + callbackUserId.map(String::valueOf).orElse("none") + ", maxAge="
        + maxAge + "]";
  }
}
