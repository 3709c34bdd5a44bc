package io.callstream.bench;

import io.callstream.correlator.CallCorrelator;
import io.callstream.correlator.topology.CorrelatorFootprint;
import io.callstream.producer.AmiProducer;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.topics.Topics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Memory per active call: N simulated calls of one answered inbound capture are paced so they
 * overlap (the simulator starts stream i at i/N of the capture's span), the simulators are held
 * just before the first call would end, the correlator catches up, and its state store and the
 * JVM heap are measured against the moment before; then the calls finish and the same is measured
 * again, which should be back at the start. Open calls are counted from the lifecycle (STARTED
 * minus ENDED), not assumed.
 */
final class MemoryBenchmark {

  static final String SCENARIO = "inbound_answered";
  /** Calls per simulated PBX: a mid-size PBX; more PBXs carry more calls. */
  private static final int CALLS_PER_PBX = 100;

  /**
   * One run.
   *
   * @param openCalls calls open in the correlator when measured (STARTED minus ENDED)
   * @param openAfter calls still open after all ended (should be 0)
   */
  record Result(long openCalls, double stateBytesPerCall, double heapBytesPerCall, long stateBytesAfter,
      long openAfter, long heapBytesAfterDelta) {
  }

  private final BenchCluster cluster;
  private final Duration timeout;

  MemoryBenchmark(BenchCluster cluster, Duration timeout) {
    this.cluster = cluster;
    this.timeout = timeout;
  }

  Result run(int calls) throws Exception {
    int pbxs = Math.max(1, calls / CALLS_PER_PBX);
    int perPbx = Math.max(1, calls / pbxs);
    Topics topics = cluster.freshTopics("memory", Math.min(8, pbxs));
    String raw = topics.amiEvents().name();
    String appId = cluster.newId("memory");
    CaptureTimeline capture = CaptureTimeline.of(List.of(SCENARIO));
    // Slow enough for the producer to keep pace (~40k frames/s here), never under 2 s.
    double wallSeconds = Math.max(2, calls * (double) capture.events() / 40_000);
    double speed = capture.spanSeconds() / wallSeconds;
    try (CallCorrelator correlator = Pipeline.startCorrelator(cluster, topics, appId, "at_least_once",
        Map.of("commit.interval.ms", 100))) {
      Pipeline.awaitRunning(correlator.streams(), Duration.ofSeconds(60));
      long stateBefore = CorrelatorFootprint.of(correlator.streams()).bytes();
      long heapBefore = usedHeapAfterGc();
      try (SimulatedPbxs sims = SimulatedPbxs.start(pbxs, List.of(SCENARIO), speed, perPbx, 1)) {
        try (AmiProducer producer = sims.startProducer(topics, cluster.kafka())) {
          Thread.sleep((long) (wallSeconds * 0.9 * 1000));
          sims.simulators().forEach(s -> s.pauseAt(s.stats().framesReplayed()));
          awaitSettled(appId, raw);
          long open = openCalls(topics);
          long state = CorrelatorFootprint.of(correlator.streams()).bytes() - stateBefore;
          long heap = usedHeapAfterGc() - heapBefore;
          sims.simulators().forEach(AmiSimulator::resume);
          if (!sims.awaitFinished(timeout)) {
            throw new IllegalStateException("the calls did not end within " + timeout);
          }
          awaitSettled(appId, raw);
          long stateAfter = CorrelatorFootprint.of(correlator.streams()).bytes() - stateBefore;
          long heapAfter = usedHeapAfterGc() - heapBefore;
          return new Result(open, open == 0 ? 0 : (double) state / open, open == 0 ? 0 : (double) heap / open,
              stateAfter, openCalls(topics), heapAfter);
        }
      }
    }
  }

  /** The producer has nothing left to send and the correlator has committed all of it. */
  private void awaitSettled(String appId, String raw) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = -1;
    while (System.nanoTime() < deadline) {
      long n = cluster.records(raw);
      if (n == last && cluster.committed(appId, raw) >= n) {
        return;
      }
      last = n;
      Thread.sleep(300);
    }
    throw new IllegalStateException("the correlator did not catch up within " + timeout);
  }

  private long openCalls(Topics topics) throws Exception {
    long open = 0;
    for (ConsumerRecord<String, CallEvent> r : cluster.readAll(topics.callLifecycle(), timeout)) {
      if (r.value().getType() == CallEventType.STARTED) {
        open++;
      } else if (r.value().getType() == CallEventType.ENDED) {
        open--;
      }
    }
    return open;
  }

  /** Used heap after collections settle: what is reachable, not what waits to be collected. */
  static long usedHeapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
