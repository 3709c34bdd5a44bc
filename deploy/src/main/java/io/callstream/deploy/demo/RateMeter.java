package io.callstream.deploy.demo;

import java.time.Clock;
import java.util.ArrayDeque;

/** Events per second over a sliding window, on an injected clock. */
final class RateMeter {

  private static final long WINDOW_MS = 10_000;

  private final Clock clock;
  private final ArrayDeque<long[]> samples = new ArrayDeque<>();

  RateMeter(Clock clock) {
    this.clock = clock;
  }

  synchronized void record(long count) {
    long now = clock.millis();
    samples.addLast(new long[] {now, count});
    trim(now);
  }

  synchronized double perSecond() {
    long now = clock.millis();
    trim(now);
    long total = 0;
    for (long[] sample : samples) {
      total += sample[1];
    }
    return total * 1000.0 / WINDOW_MS;
  }

  private void trim(long now) {
    while (!samples.isEmpty() && samples.peekFirst()[0] < now - WINDOW_MS) {
      samples.removeFirst();
    }
  }
}
