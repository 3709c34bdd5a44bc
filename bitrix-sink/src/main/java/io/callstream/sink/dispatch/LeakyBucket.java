package io.callstream.sink.dispatch;

/**
 * The client's copy of Bitrix24's leaky bucket for one portal (contract §2.1), kept a little
 * stricter than the server's so the portal never answers QUERY_LIMIT_EXCEEDED. A new owner
 * starts with the bucket full, because it cannot know what the previous owner sent.
 */
final class LeakyBucket {

  private final double ratePerSecond;
  private final double capacity;
  private double level;
  private long lastMillis;

  LeakyBucket(double ratePerSecond, int burst, long nowMillis) {
    this.ratePerSecond = ratePerSecond;
    this.capacity = burst;
    this.level = burst;
    this.lastMillis = nowMillis;
  }

  /** Milliseconds until one more request fits (0 = now). */
  long waitMillis(long nowMillis) {
    drain(nowMillis);
    double excess = level + 1 - capacity;
    return excess <= 0 ? 0 : (long) Math.ceil(excess / ratePerSecond * 1000) + 1;
  }

  /** Counts a request that is being sent now. */
  void take(long nowMillis) {
    drain(nowMillis);
    level += 1;
  }

  /** The portal said the bucket is full: believe it. */
  void fill(long nowMillis) {
    drain(nowMillis);
    level = capacity;
  }

  private void drain(long nowMillis) {
    if (nowMillis > lastMillis) {
      level = Math.max(0, level - ratePerSecond * (nowMillis - lastMillis) / 1000.0);
      lastMillis = nowMillis;
    }
  }
}
