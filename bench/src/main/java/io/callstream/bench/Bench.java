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
    Map<String, String> environment = Environment.describe();
    long begin = System.nanoTime();
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
    environment.put("load average at end", Environment.loadAverage());
    environment.put("duration", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - begin) / 1e9));
    BenchReport report = new BenchReport(environment, settings());
    figures().forEach(report::add);
    failures.forEach(report::failure);
    report.write(options.output());
    progress.print(report.summary());
    progress.println("report: " + options.output() + ".md, " + options.output() + ".json");
    return report;
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
      String mode = exactlyOnce ? "exactly-once" : "at-least-once";
      LatencyBenchmark.Result r;
      String profiled = "";
      if (profile) {
        Profiler.Profiled<LatencyBenchmark.Result> p = Profiler.during(
            () -> latency.run(exactlyOnce, s.latencySeconds(), s.latencyEventsPerSecond()));
        r = p.value();
        profiled = "; whole pipeline, run 1: " + p.topFrames();
      } else {
        r = latency.run(exactlyOnce, s.latencySeconds(), s.latencyEventsPerSecond());
      }
      sample("card latency p50, " + mode, r.p50());
      sample("card latency p95, " + mode, r.p95());
      sample("card latency p99, " + mode, r.p99());
      sample("latency run rate, " + mode, r.eventsPerSecond());
      if (profile) {
        notes.put("card latency p99, " + mode, "run 1: " + r.calls() + " calls measured, " + r.unmatched()
            + " rung calls without a matched ring frame or register in the run" + profiled);
      }
    }
  }

  private void memoryRun(MemoryBenchmark memory, int calls) throws Exception {
    MemoryBenchmark.Result r = memory.run(calls);
    sample("state per open call, " + calls + " calls", r.stateBytesPerCall());
    sample("heap per open call, " + calls + " calls", r.heapBytesPerCall());
    sample("open calls left after all ended, " + calls + " calls", r.openAfter());
    sample("state left after all ended, " + calls + " calls", r.stateBytesAfter());
    notes.put("state per open call, " + calls + " calls", r.openCalls()
        + " calls open when measured; heap is the whole JVM (simulators, producer and broker included)");
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
    }
    for (int calls : options.sizes().memoryCalls()) {
      out.add(absolute("state per open call, " + calls + " calls", "bytes", false, 4096.0));
      out.add(absolute("heap per open call, " + calls + " calls", "bytes", false, null));
      out.add(absolute("open calls left after all ended, " + calls + " calls", "calls", false, 0.0));
      out.add(absolute("state left after all ended, " + calls + " calls", "bytes", false, null));
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
        + "; timed from the producer's start (connect, login, resync included) to the last record in Kafka");
    m.put("correlator throughput", "over the topic the producer just filled; both at-least-once, record"
        + " cache off; timed from RUNNING until the committed offsets reach the end");
    m.put("card latency", s.latencySeconds() + " s at about " + s.latencyEventsPerSecond()
        + " events/s from 4 PBXs after a warm-up of min(10 s, run length); Streams producer linger.ms=5; emulator without"
        + " rate limit; from the ring frame's receive time at the producer to the register's outcome"
        + " (completedAt, after the emulator's answer)");
    m.put("memory", "'" + MemoryBenchmark.SCENARIO + "' calls, 100 per PBX, paced to overlap and held"
        + " before the first one ends; state = CorrelatorFootprint bytes (keys + values of its store); heap = used heap"
        + " after GC of the whole JVM");
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
