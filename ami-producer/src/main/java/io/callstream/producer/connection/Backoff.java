package io.callstream.producer.connection;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: initial, 2x, 4x ... up to the cap, each spread by
 * +/- jitter so many producers do not hit a recovering PBX in lockstep. Never above the cap.
 */
public final class Backoff {

  private final long initialMillis;
  private final long maxMillis;
  private final double jitter;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration initial, Duration max, double jitter, RandomGenerator random) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.jitter = jitter;
    this.random = random;
  }

  /** The delay before the next attempt; each call counts one more failed attempt. */
  public Duration next() {
    int shift = Math.min(attempt, 30);
    attempt++;
    double base = Math.min((double) maxMillis, initialMillis * (double) (1L << shift));
    double spread = 1 + jitter * (2 * random.nextDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.min(maxMillis, Math.round(base * spread))));
  }

  /** A session worked: start again from the initial delay. */
  public void reset() {
    attempt = 0;
  }

  public int attempts() {
    return attempt;
  }
}
