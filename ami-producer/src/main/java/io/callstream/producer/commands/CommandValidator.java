package io.callstream.producer.commands;

import io.callstream.producer.config.OriginateConfig;
import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.PbxCommandKind;
import java.util.regex.Pattern;

/**
 * Turns a command into an {@link OriginatePlan}, or says which field is refused and why. Every
 * value that reaches the AMI action passes a whitelist here: nothing from outside can carry CR,
 * LF, a colon header or a second action into the PBX session. Reasons never echo the refused
 * value (it may be an injection attempt; the dead letter keeps the command itself).
 */
public final class CommandValidator {

  /** E.164 allows 15 digits; 20 leaves room for access and international prefixes. */
  static final int MAX_NUMBER_DIGITS = 20;
  // ASCII only: \d would accept other scripts' digits, which Asterisk cannot dial.
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1," + MAX_NUMBER_DIGITS + "}");
  private static final Pattern CRM_CALL_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final int MAX_EXTENSION = 32;

  /** The outcome: exactly one of {@code plan} and {@code field}/{@code reason} is set. */
  public record Result(OriginatePlan plan, String field, String reason) {
    static Result ok(OriginatePlan plan) {
      return new Result(plan, null, null);
    }

    static Result refused(String field, String reason) {
      return new Result(null, field, reason);
    }

    public boolean valid() {
      return plan != null;
    }
  }

  private CommandValidator() {
  }

  public static Result validate(PbxCommand command, OriginateConfig config) {
    String number = command.getNumber();
    if (number == null || !NUMBER.matcher(number).matches()) {
      return Result.refused("number", "number must be 1-" + MAX_NUMBER_DIGITS
          + " ASCII digits with an optional leading '+' (" + describe(number) + ")");
    }
    String crmCallId = command.getCrmCallId();
    if (crmCallId != null && !CRM_CALL_ID.matcher(crmCallId).matches()) {
      return Result.refused("crmCallId", "crmCallId must be 1-128 of A-Z a-z 0-9 . _ - ("
          + describe(crmCallId) + ")");
    }
    if (command.getKind() == PbxCommandKind.CLICK_TO_CALL) {
      String extension = command.getExtension();
      if (!isExtension(extension, config)) {
        return Result.refused("extension", "extension must match " + config.extensionPattern()
            .pattern() + " (" + describe(extension) + ")");
      }
      return Result.ok(new OriginatePlan(config.channelTemplate().replace("{extension}", extension),
          config.context(), number, config.callerId().replace("{number}", number), config.timeout(),
          crmCallId));
    }
    if (command.getKind() == PbxCommandKind.CALLBACK) {
      String destination = command.getExtension() != null ? command.getExtension()
          : config.callbackDestination().orElse(null);
      if (destination == null) {
        return Result.refused("extension", "callback names no destination and "
            + "originate.callback.destination is not set for this PBX");
      }
      if (!isExtension(destination, config)) {
        return Result.refused("extension", "callback destination must match "
            + config.extensionPattern().pattern() + " (" + describe(destination) + ")");
      }
      return Result.ok(new OriginatePlan(config.callbackChannelTemplate().replace("{number}", number),
          config.callbackContext(), destination, config.callerId().replace("{number}", number),
          config.timeout(), crmCallId));
    }
    return Result.refused("kind", "unknown command kind " + command.getKind());
  }

  // The configured pattern decides what an extension is; the length bound and the ASCII
  // whitelist apply whatever the pattern says, so a lax pattern cannot open an injection.
  private static boolean isExtension(String value, OriginateConfig config) {
    return value != null && value.length() <= MAX_EXTENSION
        && value.chars().allMatch(c -> c >= 0x21 && c < 0x7F && c != ':' && c != ',')
        && config.extensionPattern().matcher(value).matches();
  }

  private static String describe(String value) {
    if (value == null) {
      return "missing";
    }
    if (value.isEmpty()) {
      return "empty";
    }
    boolean control = value.chars().anyMatch(Character::isISOControl);
    boolean nonAscii = value.chars().anyMatch(c -> c > 0x7E);
    return value.length() + " characters" + (control ? ", with control characters (CR/LF)" : "")
        + (nonAscii ? ", with non-ASCII characters" : "");
  }
}
