package io.callstream.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample, the definition latency reports usually mean. */
public final class Percentiles {

  private final double[] sorted;

  public Percentiles(Collection<? extends Number> sample) {
    if (sample.isEmpty()) {
      throw new IllegalArgumentException("no values to take percentiles of");
    }
    sorted = sample.stream().mapToDouble(Number::doubleValue).sorted().toArray();
  }

  /** The smallest value with at least {@code p} percent of the sample at or below it. */
  public double at(double p) {
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  public int count() {
    return sorted.length;
  }

  @Override
  public String toString() {
    return "n=" + sorted.length + " " + Arrays.toString(new double[] {at(50), at(95), at(99)});
  }
}
