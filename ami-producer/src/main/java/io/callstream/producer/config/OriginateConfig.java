package io.callstream.producer.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How one PBX places calls started in the CRM. Every value here ends up in an AMI
 * {@code Originate}, so each is checked to be one safe token at start-up.
 *
 * @param context dialplan context the agent's channel continues in to reach the number
 *     (FreePBX: {@code from-internal}, which applies the outbound routes)
 * @param channelTemplate the agent's phone, {@code {extension}} replaced (e.g. {@code PJSIP/{extension}})
 * @param callerId caller ID shown on the agent's phone; {@code {number}} is replaced; empty = PBX default
 * @param extensionPattern what an extension of this PBX looks like (whole-value regex)
 * @param timeout how long the first leg may ring before the Originate gives up
 * @param callbackChannelTemplate the customer's leg of a callback, {@code {number}} replaced
 * @param callbackContext context the answered customer continues in
 * @param callbackDestination where an answered callback goes (queue, ring group, extension) when
 *     the command names no extension; empty = such callbacks are rejected
 */
public record OriginateConfig(String context, String channelTemplate, String callerId,
    Pattern extensionPattern, Duration timeout, String callbackChannelTemplate,
    String callbackContext, Optional<String> callbackDestination) {

  private static final Pattern CONTEXT = Pattern.compile("[A-Za-z0-9_-]{1,80}");
  // A channel template is a technology/resource with one placeholder; no spaces, commas or colons
  // beyond the technology's own separators, so nothing but the placeholder varies.
  private static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9_./@{}-]{1,120}");
  private static final Pattern CALLER_ID = Pattern.compile("[A-Za-z0-9 _.+<>\"{}-]{0,80}");

  public OriginateConfig {
    String p = ConfigKeys.PBX_PREFIX + "<pbxId>.";
    match(p + ConfigKeys.ORIGINATE_CONTEXT.name(), context, CONTEXT);
    match(p + ConfigKeys.ORIGINATE_CALLBACK_CONTEXT.name(), callbackContext, CONTEXT);
    match(p + ConfigKeys.ORIGINATE_CHANNEL_TEMPLATE.name(), channelTemplate, TEMPLATE);
    if (!channelTemplate.contains("{extension}")) {
      throw new ConfigException(p + ConfigKeys.ORIGINATE_CHANNEL_TEMPLATE.name(),
          "must contain {extension}, e.g. PJSIP/{extension} or Local/{extension}@from-internal");
    }
    match(p + ConfigKeys.ORIGINATE_CALLBACK_CHANNEL_TEMPLATE.name(), callbackChannelTemplate, TEMPLATE);
    if (!callbackChannelTemplate.contains("{number}")) {
      throw new ConfigException(p + ConfigKeys.ORIGINATE_CALLBACK_CHANNEL_TEMPLATE.name(),
          "must contain {number}, e.g. Local/{number}@from-internal");
    }
    match(p + ConfigKeys.ORIGINATE_CALLER_ID.name(), callerId, CALLER_ID);
    if (timeout == null || timeout.toMillis() < 1000 || timeout.toMillis() > 600_000) {
      throw new ConfigException(p + ConfigKeys.ORIGINATE_TIMEOUT.name(), "must be 1000..600000 ms");
    }
    if (callbackDestination.isPresent() && !callbackDestination.get().matches("[0-9*#]{1,20}")) {
      throw new ConfigException(p + ConfigKeys.ORIGINATE_CALLBACK_DESTINATION.name(),
          "must be a dialable destination (digits, * or #), e.g. a queue number such as 400");
    }
  }

  /** FreePBX defaults: PJSIP phones, from-internal, 30 s ring time, no callback destination. */
  public static OriginateConfig defaults() {
    return new OriginateConfig("from-internal", "PJSIP/{extension}", "{number}",
        Pattern.compile("[0-9]{2,6}"), Duration.ofSeconds(30), "Local/{number}@from-internal",
        "from-internal", Optional.empty());
  }

  static Pattern extensionPattern(String key, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(key, "not a valid regular expression: " + e.getDescription());
    }
  }

  private static void match(String key, String value, Pattern allowed) {
    if (value == null || !allowed.matcher(value).matches()) {
      throw new ConfigException(key, "'" + printable(value) + "' is not allowed; it must match "
          + allowed.pattern());
    }
  }

  private static String printable(String value) {
    return value == null ? "" : value.replaceAll("\\p{Cntrl}", "?");
  }
}
