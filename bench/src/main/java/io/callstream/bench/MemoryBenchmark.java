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
 * Memory per active call: N simulated calls of one answered inbound capture run in lockstep (each
 * PBX replays its streams on one thread, frame k of every stream before frame k+1 of any), as
 * fast as the producer takes them but released in steps so no more than {@link #IN_FLIGHT}
 * frames wait in the producer at once, and are held just before any call starts to end. Then the
 * correlator catches up and its state store and the JVM heap are measured against the moment
 * before; then the calls finish and the same is measured again, which should be back at the
 * start. Open calls are counted from the lifecycle (STARTED minus ENDED), not assumed.
 */
final class MemoryBenchmark {

  static final String SCENARIO = "inbound_answered";
  /** Calls per simulated PBX: a mid-size PBX; more PBXs carry more calls. */
  private static final int CALLS_PER_PBX = 100;
  /**
   * Frames released to the producer per step, over all PBXs. The producer reads a socket into
   * its hand-off without waiting, so a replay far ahead of Kafka piles up there: 10,000 calls at
   * once (3.3M frames) filled a 4 GiB heap and delayed Ping answers past the keep-alive timeout.
   */
  private static final int IN_FLIGHT = 100_000;
  /** Events that begin a call's end; the calls are held before the first of them. */
  private static final java.util.Set<String> ENDING = java.util.Set.of("HangupRequest", "SoftHangupRequest",
      "BridgeLeave", "Hangup");

  /**
   * One run.
   *
   * @param openCalls calls open in the correlator when measured (STARTED minus ENDED)
   * @param stateBytesPerCall correlator store bytes added while the calls were open, per open call
   * @param heapBytesPerCall used heap after GC added while the calls were open, per open call (the
   *     whole JVM: simulators, producer, broker and the buffers they grew are included)
   * @param heapReleasedPerCall heap given back when the calls ended, per open call: what the open
   *     calls held, without the buffers that stay
   * @param stateBytesAfter correlator store bytes left after every call ended (per-PBX entries)
   * @param openAfter calls still open after all ended (should be 0)
   * @param heapBytesAfter used heap after GC left after every call ended, against before
   * @param pbxs simulated PBXs the calls came from (the state left is per PBX)
   */
  record Result(int pbxs, long openCalls, double stateBytesPerCall, double heapBytesPerCall, double heapReleasedPerCall,
      long stateBytesAfter, long openAfter, long heapBytesAfter) {
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
    long hold = (long) CaptureTimeline.eventsBefore(SCENARIO, ENDING) * perPbx;
    long step = Math.max(1_000, IN_FLIGHT / pbxs);
    try (CallCorrelator correlator = Pipeline.startCorrelator(cluster, topics, appId, "at_least_once",
        Map.of("commit.interval.ms", 100))) {
      Pipeline.awaitRunning(correlator.streams(), Duration.ofSeconds(60));
      long stateBefore = CorrelatorFootprint.of(correlator.streams()).bytes();
      long heapBefore = usedHeapAfterGc();
      try (SimulatedPbxs sims = SimulatedPbxs.start(pbxs, List.of(SCENARIO), 0, perPbx, 1)) {
        sims.simulators().forEach(s -> s.pauseAt(Math.min(step, hold)));
        try (AmiProducer producer = sims.startProducer(topics, cluster.kafka())) {
          for (long upTo = Math.min(step, hold); ; upTo = Math.min(upTo + step, hold)) {
            long frames = upTo;
            sims.simulators().forEach(s -> s.pauseAt(frames));
            awaitTaken(sims, frames * pbxs, raw);
            if (upTo == hold) {
              break;
            }
          }
          awaitSettled(appId, raw, sims);
          long open = openCalls(topics);
          long state = CorrelatorFootprint.of(correlator.streams()).bytes() - stateBefore;
          long heap = usedHeapAfterGc() - heapBefore;
          sims.simulators().forEach(AmiSimulator::resume);
          if (!sims.awaitFinished(timeout)) {
            throw new IllegalStateException("the calls did not end within " + timeout);
          }
          awaitSettled(appId, raw, sims);
          long stateAfter = CorrelatorFootprint.of(correlator.streams()).bytes() - stateBefore;
          long heapAfter = usedHeapAfterGc() - heapBefore;
          return new Result(pbxs, open, perCall(state, open), perCall(heap, open), perCall(heap - heapAfter, open),
              stateAfter, openCalls(topics), heapAfter);
        }
      }
    }
  }

  /** Waits until the simulators have sent {@code frames} and the raw topic holds at least as many. */
  private void awaitTaken(SimulatedPbxs sims, long frames, String raw) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (sims.framesReplayed() < frames || cluster.records(raw) < frames) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the producer did not take " + frames + " frames within " + timeout
            + " (replayed " + sims.framesReplayed() + ", in Kafka " + cluster.records(raw) + ")");
      }
      Thread.sleep(50);
    }
  }

  private static double perCall(long bytes, long calls) {
    return calls == 0 ? 0 : (double) bytes / calls;
  }

  /**
   * The producer has nothing left to send and the correlator has committed all of it. The raw
   * topic must hold at least every frame the simulators sent: right after a resume the producer
   * may not have appended any of the new frames yet, and an unchanged end offset then looked
   * settled (one full run measured all 10,000 calls still open "after they ended").
   */
  private void awaitSettled(String appId, String raw, SimulatedPbxs sims) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long last = -1;
    while (System.nanoTime() < deadline) {
      long n = cluster.records(raw);
      if (n == last && n >= sims.framesReplayed() && cluster.committed(appId, raw) >= n) {
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
