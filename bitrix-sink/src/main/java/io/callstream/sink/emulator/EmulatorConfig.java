package io.callstream.sink.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the emulated portal behaves. Defaults follow the contract: 2 requests/s with a burst of
 * 50, 480 s of operating time per method in 10 minutes, empty {@code error} codes for
 * method-level errors, one-hour access tokens. Build with {@link #builder()}.
 */
public record EmulatorConfig(
    int port,
    int webhookUserId,
    String webhookCode,
    String oauthClientId,
    String oauthClientSecret,
    String accessToken,
    String refreshToken,
    Duration accessTokenLifetime,
    String applicationToken,
    double ratePerSecond,
    int burst,
    double operatingLimitSeconds,
    Duration operatingWindow,
    double methodCostSeconds,
    Duration latency,
    Duration requestTimeLimit,
    boolean errorCoreCodes,
    Map<String, Integer> users,
    ZoneId portalZone,
    long faultSeed,
    Clock clock) {

  public EmulatorConfig {
    users = Map.copyOf(users);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.port = port;
    b.webhookUserId = webhookUserId;
    b.webhookCode = webhookCode;
    b.oauthClientId = oauthClientId;
    b.oauthClientSecret = oauthClientSecret;
    b.accessToken = accessToken;
    b.refreshToken = refreshToken;
    b.accessTokenLifetime = accessTokenLifetime;
    b.applicationToken = applicationToken;
    b.ratePerSecond = ratePerSecond;
    b.burst = burst;
    b.operatingLimitSeconds = operatingLimitSeconds;
    b.operatingWindow = operatingWindow;
    b.methodCostSeconds = methodCostSeconds;
    b.latency = latency;
    b.requestTimeLimit = requestTimeLimit;
    b.errorCoreCodes = errorCoreCodes;
    b.users = new LinkedHashMap<>(users);
    b.portalZone = portalZone;
    b.faultSeed = faultSeed;
    b.clock = clock;
    return b;
  }

  /** Settings for {@link EmulatorConfig}; every field starts at the contract's default. */
  public static final class Builder {
    private int port;
    private int webhookUserId = 1;
    private String webhookCode = "emulatorcode0001";
    private String oauthClientId = "local.emulator.app";
    private String oauthClientSecret = "emulator-client-secret";
    private String accessToken = "emulatoraccesstoken000000000001";
    private String refreshToken = "emulatorrefreshtoken00000000001";
    private Duration accessTokenLifetime = Duration.ofHours(1);
    private String applicationToken = "emulatorapplicationtoken0001";
    private double ratePerSecond = 2;
    private int burst = 50;
    private double operatingLimitSeconds = 480;
    private Duration operatingWindow = Duration.ofMinutes(10);
    private double methodCostSeconds = 0.05;
    private Duration latency = Duration.ZERO;
    private Duration requestTimeLimit = Duration.ofSeconds(60);
    private boolean errorCoreCodes;
    private Map<String, Integer> users = new LinkedHashMap<>(Map.of(
        "101", 11, "102", 12, "103", 13, "104", 14, "105", 15));
    private ZoneId portalZone = ZoneId.of("Europe/Moscow");
    private long faultSeed = 42;
    private Clock clock = Clock.systemUTC();

    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder webhook(int userId, String code) {
      webhookUserId = userId;
      webhookCode = code;
      return this;
    }

    public Builder oauth(String clientId, String clientSecret, String access, String refresh) {
      oauthClientId = clientId;
      oauthClientSecret = clientSecret;
      accessToken = access;
      refreshToken = refresh;
      return this;
    }

    public Builder accessTokenLifetime(Duration v) {
      accessTokenLifetime = v;
      return this;
    }

    public Builder rate(double perSecond, int burstSize) {
      ratePerSecond = perSecond;
      burst = burstSize;
      return this;
    }

    /** The Enterprise plan's limits: 5 requests/s, burst 250. */
    public Builder enterprise() {
      return rate(5, 250);
    }

    public Builder operatingLimit(double seconds, Duration window, double costPerCallSeconds) {
      operatingLimitSeconds = seconds;
      operatingWindow = window;
      methodCostSeconds = costPerCallSeconds;
      return this;
    }

    public Builder latency(Duration v) {
      latency = v;
      return this;
    }

    /**
     * A request that would take longer than this (latency plus an injected delay) is aborted
     * after this long, unexecuted, with an HTML 504, as the cloud aborts requests after 60 s
     * (contract §2.3).
     */
    public Builder requestTimeLimit(Duration v) {
      requestTimeLimit = v;
      return this;
    }

    /** Use {@code ERROR_CORE} instead of the empty code real portals send (the 2026 docs' shape). */
    public Builder errorCoreCodes(boolean v) {
      errorCoreCodes = v;
      return this;
    }

    /** Extension (UF_PHONE_INNER) to user id of the active employees. */
    public Builder users(Map<String, Integer> v) {
      users = new LinkedHashMap<>(v);
      return this;
    }

    public Builder portalZone(ZoneId v) {
      portalZone = v;
      return this;
    }

    public Builder faultSeed(long v) {
      faultSeed = v;
      return this;
    }

    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    public EmulatorConfig build() {
      if (!(ratePerSecond > 0) || burst < 1) {
        throw new IllegalArgumentException("emulator rate must be > 0 and burst >= 1");
      }
      return new EmulatorConfig(port, webhookUserId, webhookCode, oauthClientId,
          oauthClientSecret, accessToken, refreshToken, accessTokenLifetime, applicationToken,
          ratePerSecond, burst, operatingLimitSeconds, operatingWindow, methodCostSeconds, latency,
          requestTimeLimit, errorCoreCodes, users, portalZone, faultSeed, clock);
    }
  }
}
