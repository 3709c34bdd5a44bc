package io.callstream.sink.dispatch;

import io.callstream.sink.client.OperatingTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Tracks Bitrix24's per-method operating time from the {@code time} blocks of answers (contract
 * §2.2) and holds a method back until {@code operating_reset_at} when it gets close to the limit,
 * instead of running into OPERATION_TIME_LIMIT.
 */
final class OperatingBudget {

  private static final double HEADROOM = 0.9;
  private static final long UNKNOWN_RESET_MILLIS = 60_000;

  private final double limitSeconds;
  private final Map<String, Long> blockedUntil = new HashMap<>();

  OperatingBudget(double limitSeconds) {
    this.limitSeconds = limitSeconds;
  }

  void record(String method, OperatingTime time, long nowMillis) {
    if (time.operatingSeconds() >= limitSeconds * HEADROOM) {
      block(method, time, nowMillis);
    }
  }

  /** After OPERATION_TIME_LIMIT: wait for the reset announced earlier, or a minute. */
  void block(String method, OperatingTime lastKnown, long nowMillis) {
    long until = lastKnown.resetAtEpochSeconds().isPresent()
        ? lastKnown.resetAtEpochSeconds().getAsLong() * 1000 : nowMillis + UNKNOWN_RESET_MILLIS;
    blockedUntil.put(method, Math.max(until, nowMillis + 1000));
  }

  long blockedUntil(String method) {
    return blockedUntil.getOrDefault(method, 0L);
  }
}
