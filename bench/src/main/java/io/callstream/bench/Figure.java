package io.callstream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One measured quantity over repeated runs, optionally beside a baseline measured in the same
 * run, and the target it is judged by.
 *
 * @param higherIsBetter true for throughputs, false for latencies and sizes
 * @param target the target: a ratio to the baseline when there is one, else an absolute value
 */
public record Figure(String name, String unit, List<Double> runs, List<Double> baselineRuns,
    String baselineName, boolean higherIsBetter, Double target, String note) {

  public double median() {
    return median(runs);
  }

  public double min() {
    return Collections.min(runs);
  }

  public double max() {
    return Collections.max(runs);
  }

  public boolean hasBaseline() {
    return baselineRuns != null && !baselineRuns.isEmpty();
  }

  public double baselineMedian() {
    return median(baselineRuns);
  }

  /** Median over baseline median; null without a baseline. */
  public Double ratio() {
    return hasBaseline() ? median() / baselineMedian() : null;
  }

  /** Whether the target is met; null when there is no target. */
  public Boolean met() {
    if (target == null) {
      return null;
    }
    double value = hasBaseline() ? ratio() : median();
    return higherIsBetter ? value >= target : value <= target;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
