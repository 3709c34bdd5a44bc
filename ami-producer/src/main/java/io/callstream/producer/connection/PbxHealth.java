package io.callstream.producer.connection;

import java.time.Instant;

/**
 * A snapshot of one PBX connection for health checks and {@code callstream doctor}.
 *
 * @param lastError the last failure in words (never containing the secret), or null
 * @param asteriskVersion from CoreSettings, or null when unknown
 * @param since when the connection entered this state
 */
public record PbxHealth(String pbxId, ConnectionState state, String connectionId,
    String asteriskVersion, String lastError, Instant since) {

  public boolean isUp() {
    return state == ConnectionState.CONNECTED;
  }
}
