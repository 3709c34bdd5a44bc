package io.callstream.sink.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults to inject, changeable while the emulator runs: random 5xx answers (the request is not
 * executed), "apply then drop the connection" (executed, answer lost), slow answers, and an
 * access token that expires now.
 */
public final class Faults {

  private final Random random;
  private volatile double serverErrorRate;
  private volatile double resetAfterApplyRate;
  private volatile double slowRate;
  private volatile Duration slowBy = Duration.ZERO;
  private final Map<String, AtomicInteger> resetNext = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failNext = new ConcurrentHashMap<>();

  Faults(long seed) {
    this.random = new Random(seed);
  }

  /** Answer this share of requests with an HTML 503 page, without executing them. */
  public Faults serverErrorRate(double rate) {
    serverErrorRate = rate;
    return this;
  }

  /** Execute this share of requests, then close the connection without an answer. */
  public Faults resetAfterApplyRate(double rate) {
    resetAfterApplyRate = rate;
    return this;
  }

  /** Execute the next {@code count} requests of {@code method}, then drop their connections. */
  public Faults resetAfterApply(String method, int count) {
    resetNext.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new AtomicInteger())
        .addAndGet(count);
    return this;
  }

  /** Answer the next {@code count} requests of {@code method} with an HTML 503, not executing them. */
  public Faults failBeforeApply(String method, int count) {
    failNext.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new AtomicInteger())
        .addAndGet(count);
    return this;
  }

  /** Delay this share of answers by {@code by} (longer than the client's read timeout = lost). */
  public Faults slow(double rate, Duration by) {
    slowRate = rate;
    slowBy = by;
    return this;
  }

  public Faults none() {
    serverErrorRate = 0;
    resetAfterApplyRate = 0;
    slowRate = 0;
    resetNext.clear();
    failNext.clear();
    return this;
  }

  synchronized boolean serverError(String method) {
    AtomicInteger n = failNext.get(method);
    if (n != null && n.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
      return true;
    }
    return serverErrorRate > 0 && random.nextDouble() < serverErrorRate;
  }

  synchronized boolean resetAfterApply(String method) {
    AtomicInteger n = resetNext.get(method);
    if (n != null && n.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
      return true;
    }
    return resetAfterApplyRate > 0 && random.nextDouble() < resetAfterApplyRate;
  }

  synchronized Duration delay() {
    return slowRate > 0 && random.nextDouble() < slowRate ? slowBy : Duration.ZERO;
  }
}
