package io.callstream.producer.ami;

import io.callstream.producer.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Challenge/MD5 login, as asterisk-java does it: the secret never crosses the wire, only
 * {@code md5(challenge + secret)}.
 */
public final class AmiLogin {

  private AmiLogin() {
  }

  /**
   * Waits for the banner, then logs in.
   *
   * @return the banner line
   * @throws AuthenticationRejected when the PBX refuses the credentials
   * @throws TimeoutException when banner or answers do not come within {@code timeout}
   */
  public static String login(AmiSession session, String username, Secret secret,
      String eventMask, Duration timeout)
      throws AuthenticationRejected, TimeoutException, ExecutionException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String banner = session.banner().get(remaining(deadline), TimeUnit.NANOSECONDS).banner();
    AmiReply challenge = session.send(AmiAction.of("Challenge").header("AuthType", "MD5"))
        .get(remaining(deadline), TimeUnit.NANOSECONDS);
    String nonce = challenge.header("Challenge");
    if (!challenge.isSuccess() || nonce == null) {
      throw new AuthenticationRejected("the PBX did not issue an MD5 challenge: "
          + challenge.header("Message"));
    }
    AmiReply login = session.send(AmiAction.of("Login")
            .header("AuthType", "MD5")
            .header("Username", username)
            .header("Key", md5Hex(nonce + secret.reveal()))
            .header("Events", eventMask))
        .get(remaining(deadline), TimeUnit.NANOSECONDS);
    if (!login.isSuccess()) {
      throw new AuthenticationRejected("login as '" + username + "' rejected by the PBX: "
          + login.header("Message"));
    }
    return banner;
  }

  static String md5Hex(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has MD5", e);
    }
  }

  private static long remaining(long deadline) {
    return Math.max(1, deadline - System.nanoTime());
  }
}
