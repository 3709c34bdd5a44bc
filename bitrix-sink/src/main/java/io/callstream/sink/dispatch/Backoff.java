package io.callstream.sink.dispatch;

import java.time.Duration;
import java.util.Random;

/** Capped exponential backoff with jitter: half the step fixed, half random. */
public final class Backoff {

  private final long initialMillis;
  private final long maxMillis;
  private final Random random;

  public Backoff(Duration initial, Duration max, Random random) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.random = random;
  }

  /** Delay before attempt {@code failures + 1}, after {@code failures} failed attempts (≥ 1). */
  public long delayMillis(int failures) {
    long step = initialMillis << Math.min(Math.max(failures - 1, 0), 20);
    long capped = Math.min(maxMillis, step);
    return capped / 2 + (long) (random.nextDouble() * (capped - capped / 2));
  }
}
