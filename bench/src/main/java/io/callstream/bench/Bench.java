package io.callstream.bench;

import io.callstream.schemas.ami.RecordedCalls;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code callstream bench}: every measurement of issue 7, repeated, each beside its baseline from
 * the same run, on one embedded broker; writes the Markdown and JSON report.
 */
public final class Bench {

  /** Any single phase that takes longer than this has failed; keeps the whole run bounded. */
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(6);
  /** A busy PBX: the throughput load comes as passes of this many calls at once. */
  static final int INGEST_CONCURRENT_CALLS = 20;
  /**
   * The Bitrix24 emulator is the JDK's HttpServer, which without TCP_NODELAY answers in two
   * segments and waits for the client's delayed ACK in between (40 ms on Linux): an artefact of
   * the emulator, not of the sink, that added ~40–80 ms to half of the measured latencies.
   * Bitrix24's own servers answer without it.
   */
  private static final String EMULATOR_NODELAY = "sun.net.httpserver.nodelay";

  private final BenchOptions options;
  private final PrintStream progress;
  private final Map<String, List<Double>> samples = new LinkedHashMap<>();
  private final Map<String, String> notes = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();

  private Bench(BenchOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
  }

  /** Runs everything on a new embedded broker, writes the report and prints a summary. */
  public static BenchReport run(BenchOptions options, PrintStream progress) throws Exception {
    try (BenchCluster cluster = BenchCluster.start()) {
      return new Bench(options, progress).runOn(cluster);
    }
  }

  /** The same on a broker that is already running (tests). */
  public static BenchReport run(BenchOptions options, PrintStream progress, String bootstrapServers)
      throws Exception {
    try (BenchCluster cluster = BenchCluster.using(bootstrapServers)) {
      return new Bench(options, progress).runOn(cluster);
    }
  }

  private BenchReport runOn(BenchCluster cluster) throws Exception {
    if (System.getProperty(EMULATOR_NODELAY) == null) {
      System.setProperty(EMULATOR_NODELAY, "true");
    }
    Map<String, String> environment = Environment.describe();
    long begin = System.nanoTime();
    if (options.latencySettings()) {
      ladder(cluster);
    } else {
      everything(cluster);
    }
    environment.put("load average at end", Environment.loadAverage());
    environment.put("duration", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - begin) / 1e9));
    BenchReport report = new BenchReport(environment, options.latencySettings() ? ladderSettings() : settings());
    (options.latencySettings() ? ladderFigures() : figures()).forEach(report::add);
    failures.forEach(report::failure);
    report.write(options.output());
    progress.print(report.summary());
    progress.println("report: " + options.output() + ".md, " + options.output() + ".json");
    return report;
  }

  private void everything(BenchCluster cluster) {
    BenchOptions.Sizes s = options.sizes();
    Throughput throughput = new Throughput(cluster, PHASE_TIMEOUT);
    for (int run = 1; run <= options.runs(); run++) {
      boolean profile = run == 1;
      attempt(run, "producer ingest and correlator throughput", () -> throughputRun(throughput, s, profile));
      attempt(run, "card latency", () -> latencyRun(new LatencyBenchmark(cluster), s, profile));
      for (int calls : s.memoryCalls()) {
        attempt(run, "memory per active call, " + calls + " calls",
            () -> memoryRun(new MemoryBenchmark(cluster, PHASE_TIMEOUT), calls));
      }
      attempt(run, "CRM cost at saturation", () -> crmRun(new CrmCostBenchmark(cluster, PHASE_TIMEOUT), s.crmCalls()));
      attempt(run, "scale across PBXs", () -> scaleRun(throughput, s));
    }
  }

  /** {@code --latency-settings}: card latency under each step of the settings ladder, repeated. */
  private void ladder(BenchCluster cluster) {
    BenchOptions.Sizes s = options.sizes();
    for (int run = 1; run <= options.runs(); run++) {
      for (boolean exactlyOnce : new boolean[] {false, true}) {
        for (LatencySettings step : LatencySettings.ladder(exactlyOnce)) {
          String mode = mode(exactlyOnce);
          attempt(run, "card latency, " + mode + ", " + step.name(), () -> {
            LatencyBenchmark.Result r = new LatencyBenchmark(cluster)
                .run(exactlyOnce, s.latencySeconds(), s.latencyEventsPerSecond(), step);
            String suffix = ", " + mode + ", " + step.name();
            sample("card latency p50" + suffix, r.p50());
            sample("card latency p99" + suffix, r.p99());
            r.hops().forEach((hop, v) -> sample("hop " + hop + " p50" + suffix, v[0]));
          });
        }
      }
    }
  }

  private List<Figure> ladderFigures() {
    List<Figure> out = new ArrayList<>();
    for (boolean exactlyOnce : new boolean[] {false, true}) {
      String mode = mode(exactlyOnce);
      List<LatencySettings> steps = LatencySettings.ladder(exactlyOnce);
      LatencySettings first = steps.get(0);
      for (LatencySettings step : steps) {
        String suffix = ", " + mode + ", " + step.name();
        String hops = LatencyBenchmark.HOPS.stream().filter(h -> samples.containsKey("hop " + h + " p50" + suffix))
            .map(h -> h + " " + String.format(Locale.ROOT, "%.0f", Figure.median(samples.get("hop " + h + " p50" + suffix))))
            .collect(java.util.stream.Collectors.joining(", "));
        notes.put("card latency p50" + suffix, step.describe() + "; median ms per hop: " + hops);
        // p50 beside the defaults' p50 (the ratio is what the step buys); p99 against the target.
        String p50 = "card latency p50" + suffix;
        String baseline = "card latency p50, " + mode + ", " + first.name();
        out.add(step == first || !samples.containsKey(baseline) || !samples.containsKey(p50)
            ? absolute(p50, "ms", false, null)
            : new Figure(p50, "ms", samples.get(p50), samples.get(baseline), first.name(), false, null, notes.get(p50)));
        out.add(absolute("card latency p99" + suffix, "ms", false, exactlyOnce ? 250.0 : 100.0));
      }
    }
    out.removeIf(java.util.Objects::isNull);
    return out;
  }

  private Map<String, String> ladderSettings() {
    BenchOptions.Sizes s = options.sizes();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("command", "bench --latency-settings" + (options.quick() ? " --quick" : "") + " --runs " + options.runs());
    m.put("card latency", latencyDescription(s));
    m.put("steps", "each step passes its settings to the correlator's and the sink's Streams applications"
        + " through their Kafka properties; the first passes Kafka Streams' own defaults explicitly (the components"
        + " default to lower values), the last passes nothing (the components' defaults); p50 ratios are against the"
        + " first");
    return m;
  }

  private static String mode(boolean exactlyOnce) {
    return exactlyOnce ? "exactly-once" : "at-least-once";
  }

  /** One phase of one run; a phase that fails is reported, and the others still run. */
  private void attempt(int run, String phase, Phase work) {
    progress.printf(Locale.ROOT, "run %d/%d: %s%n", run, options.runs(), phase);
    try {
      work.run();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      failures.put("run " + run + ", " + phase, e.toString());
      progress.printf(Locale.ROOT, "run %d/%d: %s failed: %s%n", run, options.runs(), phase, e);
    }
  }

  private interface Phase {
    void run() throws Exception;
  }

  private void throughputRun(Throughput throughput, BenchOptions.Sizes s, boolean profile) throws Exception {
    List<String> all = List.of(MemoryBenchmark.SCENARIO);
    int passes = Math.max(1, s.ingestCalls() / INGEST_CONCURRENT_CALLS);
    sample(Names.INGEST_BASELINE, throughput.minimalIngest(INGEST_CONCURRENT_CALLS, passes, all));
    Throughput.Filled filled;
    if (profile) {
      Profiler.Profiled<Throughput.Filled> p = Profiler.during(() -> throughput.ingest(1, INGEST_CONCURRENT_CALLS, passes, all));
      filled = p.value();
      notes.put(Names.INGEST, p.topFrames());
    } else {
      filled = throughput.ingest(1, INGEST_CONCURRENT_CALLS, passes, all);
    }
    sample(Names.INGEST, filled.eventsPerSecond());
    sample(Names.CORRELATOR_BASELINE, throughput.passThrough(filled));
    if (profile) {
      Profiler.Profiled<Double> p = Profiler.during(() -> throughput.correlator(filled));
      sample(Names.CORRELATOR, p.value());
      notes.put(Names.CORRELATOR, p.topFrames());
    } else {
      sample(Names.CORRELATOR, throughput.correlator(filled));
    }
  }

  private void latencyRun(LatencyBenchmark latency, BenchOptions.Sizes s, boolean profile) throws Exception {
    for (boolean exactlyOnce : new boolean[] {false, true}) {
      String mode = mode(exactlyOnce);
      LatencySettings settings = LatencySettings.componentDefaults();
      LatencyBenchmark.Result r;
      String profiled = "";
      if (profile) {
        Profiler.Profiled<LatencyBenchmark.Result> p = Profiler.during(
            () -> latency.run(exactlyOnce, s.latencySeconds(), s.latencyEventsPerSecond(), settings));
        r = p.value();
        profiled = "; whole pipeline, run 1: " + p.topFrames();
      } else {
        r = latency.run(exactlyOnce, s.latencySeconds(), s.latencyEventsPerSecond(), settings);
      }
      sample("card latency p50, " + mode, r.p50());
      sample("card latency p95, " + mode, r.p95());
      sample("card latency p99, " + mode, r.p99());
      sample("latency run rate, " + mode, r.eventsPerSecond());
      r.hops().forEach((hop, v) -> sample("card latency p50 of hop " + hop + ", " + mode, v[0]));
      if (profile) {
        notes.put("card latency p99, " + mode, "run 1: " + r.calls() + " calls measured, " + r.unmatched()
            + " calls planned for registering without a matched ring frame or register (internal calls are never"
            + " registered)" + profiled);
      }
    }
  }

  private void memoryRun(MemoryBenchmark memory, int calls) throws Exception {
    MemoryBenchmark.Result r = memory.run(calls);
    sample("open calls when measured, " + calls + " calls", r.openCalls());
    sample("state per open call, " + calls + " calls", r.stateBytesPerCall());
    sample("heap per open call, " + calls + " calls", r.heapBytesPerCall());
    sample("heap released per call when all ended, " + calls + " calls", r.heapReleasedPerCall());
    sample("open calls left after all ended, " + calls + " calls", r.openAfter());
    sample("state left after all ended, " + calls + " calls", r.stateBytesAfter());
    sample("heap left after all ended, " + calls + " calls", r.heapBytesAfter());
    notes.put("state per open call, " + calls + " calls", "calls open when measured: "
        + samples.get("open calls when measured, " + calls + " calls").stream().map(v -> String.format(Locale.ROOT, "%.0f", v))
            .collect(java.util.stream.Collectors.joining(", ")) + " (per run), from " + r.pbxs() + " PBXs");
    notes.put("state left after all ended, " + calls + " calls", String.format(Locale.ROOT,
        "%.0f bytes per PBX (%d PBXs): the correlator's per-PBX entries, no call left",
        (double) r.stateBytesAfter() / r.pbxs(), r.pbxs()));
    notes.put("heap per open call, " + calls + " calls", "used heap after GC of the whole JVM (simulators,"
        + " producer, broker and the buffers they grew included) against before the calls: an upper bound");
    notes.put("heap released per call when all ended, " + calls + " calls", "heap with the calls open minus heap"
        + " after they all ended, per open call: what the open calls held, without buffers that stay");
  }

  private void crmRun(CrmCostBenchmark crm, int calls) throws Exception {
    CrmCostBenchmark.Result r = crm.run(calls);
    sample(Names.REQUESTS_PER_CALL, r.requestsPerCall());
    sample(Names.BATCH_FILL, r.commandsPerBatch());
    sample(Names.REJECTED, r.rejected());
    sample(Names.LOST, r.calls() - r.arrived());
    notes.put(Names.LOST, r.calls() + " calls, " + r.arrived() + " finished in the emulator, "
        + r.requests() + " requests, " + String.format(Locale.ROOT, "%.0f s", r.seconds()));
  }

  private void scaleRun(Throughput throughput, BenchOptions.Sizes s) throws Exception {
    for (int pbxs : s.scalePbxCounts()) {
      Throughput.Filled filled = throughput.ingest(pbxs, s.scaleCalls() / pbxs, 1, List.of(MemoryBenchmark.SCENARIO));
      sample("scale ingest, " + pbxs + " PBX", filled.eventsPerSecond());
      sample("scale correlator, " + pbxs + " PBX", throughput.correlator(filled));
    }
  }

  private void sample(String name, double value) {
    samples.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  private List<Figure> figures() {
    List<Figure> out = new ArrayList<>();
    out.add(compared(Names.INGEST, "events/s", Names.INGEST_BASELINE, "minimal AMI reader + default KafkaProducer", 0.5));
    out.add(compared(Names.CORRELATOR, "events/s", Names.CORRELATOR_BASELINE,
        "pass-through Streams (groupByKey + aggregate, RocksDB)", 1.0));
    for (String mode : List.of("at-least-once", "exactly-once")) {
      out.add(absolute("card latency p50, " + mode, "ms", false, null));
      out.add(absolute("card latency p95, " + mode, "ms", false, null));
      out.add(absolute("card latency p99, " + mode, "ms", false, mode.equals("at-least-once") ? 100.0 : 250.0));
      out.add(absolute("latency run rate, " + mode, "events/s", true, null));
      for (String hop : LatencyBenchmark.HOPS) {
        out.add(absolute("card latency p50 of hop " + hop + ", " + mode, "ms", false, null));
      }
    }
    for (int calls : options.sizes().memoryCalls()) {
      out.add(absolute("open calls when measured, " + calls + " calls", "calls", true, null));
      out.add(absolute("state per open call, " + calls + " calls", "bytes", false, 4096.0));
      out.add(absolute("heap per open call, " + calls + " calls", "bytes", false, null));
      out.add(absolute("heap released per call when all ended, " + calls + " calls", "bytes", false, null));
      out.add(absolute("open calls left after all ended, " + calls + " calls", "calls", false, 0.0));
      out.add(absolute("state left after all ended, " + calls + " calls", "bytes", false, null));
      out.add(absolute("heap left after all ended, " + calls + " calls", "bytes", false, null));
    }
    out.add(absolute(Names.REQUESTS_PER_CALL, "requests", false, null));
    out.add(absolute(Names.BATCH_FILL, "commands/request", true, 20.0));
    out.add(absolute(Names.REJECTED, "rejections", false, 0.0));
    out.add(absolute(Names.LOST, "calls", false, 0.0));
    int first = options.sizes().scalePbxCounts().get(0);
    for (int pbxs : options.sizes().scalePbxCounts()) {
      for (String part : List.of("ingest", "correlator")) {
        String name = "scale " + part + ", " + pbxs + " PBX";
        out.add(pbxs == first ? absolute(name, "events/s", true, null)
            : compared(name, "events/s", "scale " + part + ", " + first + " PBX", "same load from " + first + " PBX", null));
      }
    }
    out.removeIf(java.util.Objects::isNull);
    return out;
  }

  private Figure compared(String name, String unit, String baseline, String baselineName, Double target) {
    if (!samples.containsKey(name)) {
      return null;
    }
    return new Figure(name, unit, samples.get(name), samples.get(baseline), baselineName, true, target,
        notes.get(name));
  }

  private Figure absolute(String name, String unit, boolean higherIsBetter, Double target) {
    if (!samples.containsKey(name)) {
      return null;
    }
    return new Figure(name, unit, samples.get(name), null, null, higherIsBetter, target, notes.get(name));
  }

  private static String latencyDescription(BenchOptions.Sizes s) {
    return s.latencySeconds() + " s at " + s.latencyEventsPerSecond() + " events/s (all 18 captures) from 4 PBXs,"
        + " each starting at a different capture, after a warm-up of min(10 s, run length); emulator without rate"
        + " limit, TCP_NODELAY on (" + EMULATOR_NODELAY
        + "); from the ring frame's receive time at the producer to the register's outcome (completedAt, after the"
        + " emulator's answer); hops from the broker's append times (LogAppendTime on the raw, lifecycle and"
        + " command topics): producer = frame read → raw record appended, correlator = → RINGING appended,"
        + " planner = → REGISTER command appended (holds the correlator's commit wait under exactly-once),"
        + " dispatcher = → register answered";
  }

  private Map<String, String> settings() {
    BenchOptions.Sizes s = options.sizes();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("command", "callstream bench" + (options.quick() ? " --quick" : "") + " --runs " + options.runs());
    m.put("runs", Integer.toString(options.runs()));
    m.put("broker", "embedded single-node KRaft broker in the same JVM");
    m.put("producer ingest", "1 simulated PBX, " + s.ingestCalls() + " '" + MemoryBenchmark.SCENARIO
        + "' calls, " + INGEST_CONCURRENT_CALLS + " at a time, as fast as possible (the simulator replays the other"
        + " captures far slower, which would measure the simulator); producer defaults"
        + " (acks=all, idempotence, lz4, linger 5 ms), hand-off " + SimulatedPbxs.HANDOFF_CAPACITY
        + "; the simulators at most 100,000 frames ahead of Kafka (the producer never slows a PBX down, so an"
        + " unbounded replay can overrun its hand-off); timed from the producer's start (connect, login, resync"
        + " included) to the last record in Kafka");
    m.put("correlator throughput", "over the topic the producer just filled; both at-least-once, record"
        + " cache off; timed from RUNNING until the committed offsets reach the end");
    m.put("card latency", latencyDescription(s) + "; nothing passed to the components: their own defaults, which"
        + " are the recommended low-latency settings (at-least-once " + LatencySettings.recommended(false).describe()
        + "; exactly-once " + LatencySettings.recommended(true).describe() + "; what each buys: bench --latency-settings)");
    m.put("memory", "'" + MemoryBenchmark.SCENARIO + "' calls, 100 per PBX, each PBX replaying its calls in lockstep"
        + " on one thread (the simulator's event loop), released to the producer in steps and held before any call"
        + " starts to end (before its HangupRequest); state = CorrelatorFootprint bytes (keys + values of the"
        + " correlator's store); heap = used heap after GC of the whole JVM; then all calls end and both are measured"
        + " again");
    m.put("CRM cost", s.crmCalls() + " concurrent '" + MemoryBenchmark.SCENARIO
        + "' calls, emulator at 2 requests/s, burst 50, exactly-once");
    m.put("scale", s.scaleCalls() + " '" + MemoryBenchmark.SCENARIO + "' calls spread over "
        + s.scalePbxCounts() + " PBXs, as fast as possible");
    return m;
  }

  /** Figure names used in more than one place. */
  static final class Names {
    static final String INGEST = "producer ingest";
    static final String INGEST_BASELINE = "producer ingest baseline";
    static final String CORRELATOR = "correlator throughput";
    static final String CORRELATOR_BASELINE = "correlator throughput baseline";
    static final String REQUESTS_PER_CALL = "Bitrix24 requests per call";
    static final String BATCH_FILL = "commands per batch request";
    static final String REJECTED = "rate-limit rejections";
    static final String LOST = "calls not arrived in Bitrix24";

    private Names() {
    }
  }
}
