package io.callstream.sink.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-method execution time in a sliding window (contract §2.2): a call is refused when the sum
 * already exceeds the limit; the call that crosses it still runs.
 */
final class OperatingMeter {

  private record Entry(long atMillis, double seconds) {
  }

  private final double limitSeconds;
  private final long windowMillis;
  private final Map<String, Deque<Entry>> byMethod = new HashMap<>();

  OperatingMeter(double limitSeconds, long windowMillis) {
    this.limitSeconds = limitSeconds;
    this.windowMillis = windowMillis;
  }

  synchronized boolean blocked(String method, long now) {
    return sum(method, now) > limitSeconds;
  }

  synchronized void record(String method, long now, double seconds) {
    byMethod.computeIfAbsent(method, m -> new ArrayDeque<>()).addLast(new Entry(now, seconds));
  }

  synchronized double sum(String method, long now) {
    Deque<Entry> d = byMethod.computeIfAbsent(method, m -> new ArrayDeque<>());
    while (!d.isEmpty() && d.peekFirst().atMillis() <= now - windowMillis) {
      d.removeFirst();
    }
    return d.stream().mapToDouble(Entry::seconds).sum();
  }

  /** Unix seconds when the oldest recorded call of the method leaves the window. */
  synchronized long resetAt(String method, long now) {
    Deque<Entry> d = byMethod.get(method);
    long oldest = d == null || d.isEmpty() ? now : d.peekFirst().atMillis();
    return (oldest + windowMillis) / 1000;
  }
}
