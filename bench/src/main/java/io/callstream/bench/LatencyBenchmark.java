package io.callstream.bench;

import io.callstream.correlator.CallCorrelator;
import io.callstream.producer.AmiProducer;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.OutcomeStatus;
import io.callstream.schemas.ami.RecordedCalls;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.BitrixSink;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Card latency through the whole pipeline at a fixed moderate rate: simulator → producer → Kafka
 * → correlator → Kafka → sink planner → Kafka → dispatcher → emulator. The emulator's rate limit
 * is lifted here so the figure is the pipeline's, not the portal's queue (that is the CRM figure).
 */
final class LatencyBenchmark {

  private static final int PBXS = 4;
  /** The streams start staggered over one timeline; only after it the rate is steady. */
  private static final double MAX_WARM_UP_SECONDS = 10;

  /**
   * One run: percentiles, the rate actually sent, how many calls were measured, and the median
   * and p99 of each hop (see {@link CardLatency.Hops}).
   */
  record Result(double p50, double p95, double p99, double eventsPerSecond, int calls, int unmatched,
      Map<String, double[]> hops) {
  }

  /** Hop names in pipeline order, as the report shows them. */
  static final List<String> HOPS = List.of("producer", "correlator", "planner", "dispatcher");

  private final BenchCluster cluster;

  LatencyBenchmark(BenchCluster cluster) {
    this.cluster = cluster;
  }

  Result run(boolean exactlyOnce, int seconds, int eventsPerSecond, LatencySettings settings)
      throws Exception {
    String guarantee = exactlyOnce ? "exactly_once_v2" : "at_least_once";
    Topics topics = cluster.freshTopics("latency", PBXS);
    cluster.stampAppendTime(topics.amiEvents().name(), topics.callLifecycle().name(),
        topics.bitrixCommands().name());
    double warmUp = Math.min(MAX_WARM_UP_SECONDS, seconds);
    CaptureTimeline timeline = CaptureTimeline.of(RecordedCalls.SCENARIOS);
    // Streams start together, so one pass over the captures is the warm-up; the speed is then
    // trimmed so the whole-number stream count gives the asked rate.
    int streams = Math.max(1, (int) Math.round(
        eventsPerSecond * warmUp / timeline.events() / PBXS));
    double speed = eventsPerSecond / (timeline.eventsPerSecond() * streams * PBXS);
    long measuredFrom;
    long measuredTo;
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().rate(10_000, 10_000).build());
        BitrixSink sink = Pipeline.startSink(cluster, topics, pbxIds(), emulator, guarantee, settings.sink());
        CallCorrelator correlator = Pipeline.startCorrelator(cluster, topics, cluster.newId("latency"),
            guarantee, settings.correlator())) {
      Pipeline.awaitRunning(correlator.streams(), Duration.ofSeconds(60));
      Pipeline.awaitHealthy(sink, Duration.ofSeconds(60));
      try (SimulatedPbxs sims = SimulatedPbxs.start(PBXS, RecordedCalls.SCENARIOS, speed, streams, 0);
          AmiProducer producer = sims.startProducer(topics, cluster.kafka())) {
        long start = micros(Instant.now());
        measuredFrom = start + (long) (warmUp * 1e6);
        measuredTo = measuredFrom + seconds * 1_000_000L;
        Thread.sleep((long) (warmUp * 1000) + seconds * 1000L);
      }
      awaitQuiet(topics.bitrixOutcomes().name());
    }
    return measure(topics, measuredFrom, measuredTo);
  }

  private Result measure(Topics topics, long from, long to) throws Exception {
    CardLatency join = new CardLatency();
    long frames = 0;
    Duration read = Duration.ofSeconds(120);
    for (ConsumerRecord<String, AmiEvent> r : cluster.readAll(topics.amiEvents(), read)) {
      AmiEvent e = r.value();
      long receivedAt = micros(e.getReceivedAt());
      if (receivedAt >= from && receivedAt < to) {
        frames++;
      }
      if (e.getPbxTime() != null) {
        join.frame(e.getPbxId(), micros(e.getPbxTime()), receivedAt, r.timestamp());
      }
    }
    for (ConsumerRecord<String, CallEvent> r : cluster.readAll(topics.callLifecycle(), read)) {
      CallEvent e = r.value();
      if (e.getType() == CallEventType.RINGING) {
        join.ringing(e.getCallId(), e.getPbxId(), e.getAt().toEpochMilli(), r.timestamp());
      }
    }
    for (ConsumerRecord<String, BitrixCommand> r : cluster.readAll(topics.bitrixCommands(), read)) {
      if (r.value().getKind() == BitrixCommandKind.REGISTER) {
        join.commanded(r.value().getCallId(), r.timestamp());
      }
    }
    for (ConsumerRecord<String, BitrixOutcome> r : cluster.readAll(topics.bitrixOutcomes(), read)) {
      BitrixOutcome o = r.value();
      if (o.getKind() == BitrixCommandKind.REGISTER && (o.getStatus() == OutcomeStatus.APPLIED
          || o.getStatus() == OutcomeStatus.ALREADY_APPLIED) && o.getCompletedAt() != null) {
        join.registered(o.getCallId(), o.getCompletedAt().toEpochMilli());
      }
    }
    List<CardLatency.Hops> calls = join.hops(from);
    if (calls.isEmpty()) {
      throw new IllegalStateException("no call was registered in the measured window");
    }
    Percentiles p = new Percentiles(calls.stream().map(CardLatency.Hops::total).toList());
    Map<String, double[]> hops = new LinkedHashMap<>();
    hop(hops, "producer", calls, CardLatency.Hops::producer);
    hop(hops, "correlator", calls, CardLatency.Hops::correlator);
    hop(hops, "planner", calls, CardLatency.Hops::planner);
    hop(hops, "dispatcher", calls, CardLatency.Hops::dispatcher);
    return new Result(p.at(50), p.at(95), p.at(99), frames / ((to - from) / 1e6), p.count(), join.unmatched(),
        hops);
  }

  private static void hop(Map<String, double[]> hops, String name, List<CardLatency.Hops> calls,
      ToDoubleFunction<CardLatency.Hops> value) {
    List<Double> known = calls.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).boxed().toList();
    if (!known.isEmpty()) {
      Percentiles p = new Percentiles(known);
      hops.put(name, new double[] {p.at(50), p.at(99)});
    }
  }

  /** Lets the last calls' registers through: until the outcomes stop growing for a second. */
  private void awaitQuiet(String outcomes) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long last = -1;
    int quiet = 0;
    while (quiet < 2 && System.nanoTime() < deadline) {
      long n = cluster.records(outcomes);
      quiet = n == last ? quiet + 1 : 0;
      last = n;
      Thread.sleep(500);
    }
  }

  static long micros(Instant i) {
    return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
  }

  private static List<String> pbxIds() {
    return java.util.stream.IntStream.range(0, PBXS).mapToObj(SimulatedPbxs::pbxId).toList();
  }
}
