package io.callstream.sink.emulator;

/**
 * Bitrix24's leaky bucket (contract §2.1): each accepted request adds one, the level drains by
 * {@code rate} per second, and a request that would lift it above {@code burst} is refused.
 */
final class RequestBucket {

  private final double rate;
  private final double burst;
  private double level;
  private long lastMillis = Long.MIN_VALUE;

  RequestBucket(double rate, int burst) {
    this.rate = rate;
    this.burst = burst;
  }

  synchronized boolean tryAcquire(long nowMillis) {
    drain(nowMillis);
    if (level + 1 > burst + 1e-9) {
      return false;
    }
    level += 1;
    return true;
  }

  private void drain(long nowMillis) {
    if (lastMillis != Long.MIN_VALUE && nowMillis > lastMillis) {
      level = Math.max(0, level - rate * (nowMillis - lastMillis) / 1000.0);
    }
    lastMillis = Math.max(lastMillis, nowMillis);
  }
}
