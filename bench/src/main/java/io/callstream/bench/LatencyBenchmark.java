package io.callstream.bench;

import io.callstream.correlator.CallCorrelator;
import io.callstream.producer.AmiProducer;
import io.callstream.schemas.AmiEvent;
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
import java.util.List;
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

  /** One run: percentiles, the rate actually sent and how many calls were measured. */
  record Result(double p50, double p95, double p99, double eventsPerSecond, int calls, int unmatched) {
  }

  private final BenchCluster cluster;

  LatencyBenchmark(BenchCluster cluster) {
    this.cluster = cluster;
  }

  Result run(boolean exactlyOnce, int seconds, int eventsPerSecond) throws Exception {
    String guarantee = exactlyOnce ? "exactly_once_v2" : "at_least_once";
    Topics topics = cluster.freshTopics("latency", PBXS);
    double warmUp = Math.min(MAX_WARM_UP_SECONDS, seconds);
    CaptureTimeline timeline = CaptureTimeline.of(RecordedCalls.SCENARIOS);
    double speed = timeline.spanSeconds() / warmUp;
    int streams = Math.max(1, (int) Math.round(eventsPerSecond / (timeline.eventsPerSecond() * speed) / PBXS));
    long measuredFrom;
    long measuredTo;
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().rate(10_000, 10_000).build());
        BitrixSink sink = Pipeline.startSink(cluster, topics, pbxIds(), emulator, guarantee, Pipeline.LOW_LINGER);
        CallCorrelator correlator = Pipeline.startCorrelator(cluster, topics, cluster.newId("latency"),
            guarantee, Pipeline.LOW_LINGER)) {
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
        join.frame(e.getPbxId(), micros(e.getPbxTime()), receivedAt);
      }
    }
    for (ConsumerRecord<String, CallEvent> r : cluster.readAll(topics.callLifecycle(), read)) {
      CallEvent e = r.value();
      if (e.getType() == CallEventType.RINGING) {
        join.ringing(e.getCallId(), e.getPbxId(), e.getAt().toEpochMilli());
      }
    }
    for (ConsumerRecord<String, BitrixOutcome> r : cluster.readAll(topics.bitrixOutcomes(), read)) {
      BitrixOutcome o = r.value();
      if (o.getKind() == BitrixCommandKind.REGISTER && (o.getStatus() == OutcomeStatus.APPLIED
          || o.getStatus() == OutcomeStatus.ALREADY_APPLIED) && o.getCompletedAt() != null) {
        join.registered(o.getCallId(), o.getCompletedAt().toEpochMilli());
      }
    }
    List<Double> latencies = join.latenciesMillis(from);
    if (latencies.isEmpty()) {
      throw new IllegalStateException("no call was registered in the measured window");
    }
    Percentiles p = new Percentiles(latencies);
    return new Result(p.at(50), p.at(95), p.at(99), frames / ((to - from) / 1e6), p.count(), join.unmatched());
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
