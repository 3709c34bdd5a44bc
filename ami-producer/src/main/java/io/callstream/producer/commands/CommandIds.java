package io.callstream.producer.commands;

import io.callstream.schemas.PbxCommand;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The ids a command's Originate carries, derived from pbxId and commandId only, so any process
 * executing the same command again uses the same ones and can recognise the call: the ActionID
 * (echoed on the response and the OriginateResponse), and the Uniqueids of the first channel
 * and of a Local channel's other half. Every channel of the call gets the first one as Linkedid.
 *
 * <p>Uniqueids keep Asterisk's {@code <epoch>.<n>} shape (the correlator orders anchors by it):
 * the command's request second, then 10 digits from a SHA-256 of the command, far above any
 * PBX's own counter.
 */
public record CommandIds(String actionId, String channelId, String otherChannelId) {

  public static CommandIds of(PbxCommand command) {
    byte[] hash = sha256(command.getPbxId() + "\n" + command.getCommandId());
    long epoch = command.getRequestedAt().getEpochSecond();
    long n = 0;
    for (int i = 0; i < 8; i++) {
      n = (n << 8) | (hash[i] & 0xFF);
    }
    long digits = 1_000_000_000L + Math.floorMod(n, 8_000_000_000L);
    return new CommandIds("cs-cmd-" + Long.toString(digits, 36) + "-" + epoch,
        epoch + "." + digits, epoch + "." + (digits + 1_000_000_000L));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
