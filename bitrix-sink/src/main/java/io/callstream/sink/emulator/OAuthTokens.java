package io.callstream.sink.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** The emulated OAuth server's tokens: one live access token, rotation on refresh. */
final class OAuthTokens {

  enum Check { VALID, EXPIRED, UNKNOWN }

  private final Clock clock;
  private final Duration lifetime;
  private final Set<String> retired = new HashSet<>();
  private String access;
  private String refresh;
  private long issuedAt;
  private int generation;

  OAuthTokens(Clock clock, Duration lifetime, String access, String refresh) {
    this.clock = clock;
    this.lifetime = lifetime;
    this.access = access;
    this.refresh = refresh;
    this.issuedAt = clock.millis();
  }

  synchronized Check check(String token) {
    if (token.equals(access)) {
      return clock.millis() - issuedAt >= lifetime.toMillis() ? Check.EXPIRED : Check.VALID;
    }
    return retired.contains(token) ? Check.EXPIRED : Check.UNKNOWN;
  }

  /** Makes the current access token expired now (fault injection). */
  synchronized void expireNow() {
    issuedAt = clock.millis() - lifetime.toMillis();
  }

  /** @return the new pair, or null when {@code refreshToken} is not the current one */
  synchronized String[] refresh(String refreshToken) {
    if (!refresh.equals(refreshToken)) {
      return null;
    }
    retired.add(access);
    generation++;
    access = "emuaccess" + generation + Long.toHexString(clock.millis()) + "x";
    refresh = "emurefresh" + generation + Long.toHexString(clock.millis()) + "y";
    issuedAt = clock.millis();
    return new String[] {access, refresh};
  }
}
