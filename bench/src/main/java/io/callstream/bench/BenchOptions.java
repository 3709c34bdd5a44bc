package io.callstream.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code callstream bench} runs: how often, how big, and where the report goes.
 *
 * @param runs repetitions of every measurement (median, min, max are reported)
 * @param output report path without extension: {@code <output>.md} and {@code <output>.json}
 * @param latencySettings instead of everything, measure card latency under each step of the
 *     latency settings ladder ({@code --latency-settings}): what each Kafka/Streams setting buys
 */
public record BenchOptions(boolean quick, int runs, Path output, Sizes sizes, boolean latencySettings) {

  /** Maximum runs: each run repeats every measurement, so more would not fit a working day. */
  static final int MAX_RUNS = 20;

  public BenchOptions {
    if (runs < 1 || runs > MAX_RUNS) {
      throw new IllegalArgumentException("--runs must be between 1 and " + MAX_RUNS + ", was " + runs);
    }
    if (output == null) {
      throw new IllegalArgumentException("--output must name a file path, e.g. bench-report");
    }
    if (sizes == null) {
      throw new IllegalArgumentException("sizes are required (Sizes.quick() or Sizes.full())");
    }
  }

  /** Every measurement (not the latency settings ladder). */
  public BenchOptions(boolean quick, int runs, Path output, Sizes sizes) {
    this(quick, runs, output, sizes, false);
  }

  /** The defaults of {@code callstream bench [--quick]}: 3 runs, {@code ./bench-report.{md,json}}. */
  public static BenchOptions defaults(boolean quick) {
    return new BenchOptions(quick, 3, Path.of("bench-report"), quick ? Sizes.quick() : Sizes.full());
  }

  public BenchOptions withRuns(int n) {
    return new BenchOptions(quick, n, output, sizes, latencySettings);
  }

  /** Accepts {@code report}, {@code report.md} or {@code report.json}: both files are written. */
  public BenchOptions withOutput(Path path) {
    String s = path.toString().replaceFirst("\\.(md|json)$", "");
    return new BenchOptions(quick, runs, Path.of(s), sizes, latencySettings);
  }

  public BenchOptions withSizes(Sizes s) {
    return new BenchOptions(quick, runs, output, s, latencySettings);
  }

  /** Only card latency, once per step of the settings ladder ({@code --latency-settings}). */
  public BenchOptions withLatencySettings() {
    return new BenchOptions(quick, runs, output, sizes, true);
  }

  /**
   * How much load each measurement generates. Calls are simulator streams: each stream replays
   * the recorded captures once with ids rewritten, so every stream is new calls.
   *
   * @param ingestCalls calls on one PBX (20 at a time), for producer and correlator throughput
   * @param latencySeconds how long each latency run sends (after warm-up)
   * @param latencyEventsPerSecond the fixed moderate rate of the latency runs
   * @param memoryCalls concurrent calls of the memory measurement (each size is one measurement)
   * @param crmCalls concurrent calls sent to the rate-limited emulator
   * @param scaleCalls calls spread over each of {@code scalePbxCounts} PBXs
   */
  public record Sizes(int ingestCalls, int latencySeconds, int latencyEventsPerSecond,
      List<Integer> memoryCalls, int crmCalls, int scaleCalls, List<Integer> scalePbxCounts) {

    public Sizes {
      positive("ingestCalls", ingestCalls);
      positive("latencySeconds", latencySeconds);
      positive("latencyEventsPerSecond", latencyEventsPerSecond);
      positive("crmCalls", crmCalls);
      positive("scaleCalls", scaleCalls);
      memoryCalls = List.copyOf(memoryCalls);
      scalePbxCounts = List.copyOf(scalePbxCounts);
      if (memoryCalls.isEmpty() || scalePbxCounts.isEmpty()) {
        throw new IllegalArgumentException("memoryCalls and scalePbxCounts need at least one size");
      }
      memoryCalls.forEach(n -> positive("memoryCalls", n));
      for (int pbxs : scalePbxCounts) {
        positive("scalePbxCounts", pbxs);
        if (scaleCalls % pbxs != 0) {
          throw new IllegalArgumentException("scaleCalls (" + scaleCalls
              + ") must divide evenly over " + pbxs + " PBXs, so every PBX count carries the same load");
        }
      }
    }

    /** Sized so the whole run stays under 5 minutes on 2 cores. */
    public static Sizes quick() {
      return new Sizes(200, 5, 5_000, List.of(100, 500), 200, 100, List.of(1, 10, 100));
    }

    /** The sizes (1k and 10k concurrent calls, 1,000 calls at the CRM); under 30 minutes. */
    public static Sizes full() {
      return new Sizes(2_000, 30, 5_000, List.of(1_000, 10_000), 1_000, 400, List.of(1, 10, 100));
    }

    private static void positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
    }
  }
}
