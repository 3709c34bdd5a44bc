package io.callstream.bench;

import io.callstream.correlator.CallCorrelator;
import io.callstream.producer.AmiProducer;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Direction;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.BitrixSink;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.callstream.sink.emulator.Ledger;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * CRM cost at saturation: many calls at once against the emulator with the real default limit
 * (2 requests/s, burst 50). Counts requests per call, commands per batch and rate-limit
 * rejections from the emulator's ledger, and checks every call the correlator summarised reached
 * Bitrix24 finished.
 */
final class CrmCostBenchmark {

  private static final int CALLS_PER_PBX = 100;

  /**
   * @param calls calls the correlator summarised that the sink must send (internal ones are skipped)
   * @param arrived of those, calls registered and finished in the emulator
   * @param seconds from the first call to the last one finished in the emulator
   */
  record Result(long calls, long arrived, long requests, double requestsPerCall, double commandsPerBatch,
      long rejected, double seconds) {
  }

  private final BenchCluster cluster;
  private final Duration timeout;

  CrmCostBenchmark(BenchCluster cluster, Duration timeout) {
    this.cluster = cluster;
    this.timeout = timeout;
  }

  Result run(int calls) throws Exception {
    int pbxs = Math.max(1, calls / CALLS_PER_PBX);
    Topics topics = cluster.freshTopics("crm", Math.min(8, pbxs));
    SimulatedPbxs sims = SimulatedPbxs.start(pbxs, List.of(MemoryBenchmark.SCENARIO), 0, calls / pbxs, 1);
    try (sims;
        BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().rate(2, 50).build());
        BitrixSink sink = Pipeline.startSink(cluster, topics, sims.pbxIds(), emulator, "exactly_once_v2", Map.of());
        CallCorrelator correlator = Pipeline.startCorrelator(cluster, topics, cluster.newId("crm"),
            "exactly_once_v2", Map.of())) {
      Pipeline.awaitRunning(correlator.streams(), Duration.ofSeconds(60));
      Pipeline.awaitHealthy(sink, Duration.ofSeconds(60));
      long begin = System.nanoTime();
      try (AmiProducer producer = sims.startProducer(topics, cluster.kafka())) {
        sims.awaitFinished(timeout);
        long deadline = begin + timeout.toNanos();
        Set<String> expected = Set.of();
        long arrived = 0;
        while (System.nanoTime() < deadline) {
          expected = externalCalls(topics);
          arrived = finished(emulator.ledger(), expected);
          if (!expected.isEmpty() && arrived >= expected.size() && expected.size() >= calls) {
            break;
          }
          Thread.sleep(500);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Ledger ledger = emulator.ledger();
        long rejected = ledger.rejected().values().stream().mapToLong(Long::longValue).sum();
        return new Result(expected.size(), arrived, ledger.requests(),
            expected.isEmpty() ? 0 : (double) ledger.requests() / expected.size(),
            ledger.batches() == 0 ? 0 : (double) ledger.batchCommands() / ledger.batches(), rejected, seconds);
      }
    }
  }

  private Set<String> externalCalls(Topics topics) throws Exception {
    Set<String> ids = new HashSet<>();
    for (ConsumerRecord<String, CallSummary> r : cluster.readAll(topics.callSummary(), Duration.ofSeconds(30))) {
      if (r.value().getDirection() != Direction.INTERNAL) {
        ids.add(r.value().getCallId());
      }
    }
    return ids;
  }

  /** Calls finished in the emulator; a transfer leg's id is the call id plus {@code #n}. */
  private static long finished(Ledger ledger, Set<String> expected) {
    Set<String> done = new HashSet<>();
    for (Ledger.Call c : ledger.calls()) {
      if (c.finished() && c.externalCallId() != null) {
        done.add(c.externalCallId().replaceFirst("#\\d+$", ""));
      }
    }
    return expected.stream().filter(done::contains).count();
  }
}
