package io.callstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.metrics.PbxMetrics;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measurement, not a timed test: frames per second from the simulators' sockets to
 * acknowledged by Kafka, for one PBX and for ten, after a warm-up run (the JIT and the producer's
 * metadata). Simulators, producer and broker share this machine's CPUs, so the number is a lower
 * bound for the producer. It asserts only that every frame read was acknowledged.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ThroughputIT {

  private static final Logger LOG = LoggerFactory.getLogger(ThroughputIT.class);
  private static final List<String> SCENARIOS =
      List.of("inbound_answered", "queue_ringall_answered", "concurrent_mix");
  private static final int PASSES = 40;

  @Test
  void shouldMeasureFramesPerSecondFromSocketToAcknowledgedInKafka(KafkaBroker kafka)
      throws Exception {
    measure(kafka, 1, "warm-up");
    measure(kafka, 1, "measured");
    measure(kafka, 10, "measured");
  }

  private static void measure(KafkaBroker kafka, int pbxs, String label) throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 4);
    List<AmiSimulator> sims = AmiSimulator.startMany(pbxs, SimulatorConfig.ofScenarios(
        ItSupport.USER, ItSupport.SECRET, SCENARIOS).withLoops(Math.max(1, PASSES / pbxs), 1));
    try {
      Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
      for (int i = 0; i < pbxs; i++) {
        keys.putAll(ItSupport.pbxKeys("pbx" + i, sims.get(i)));
      }
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      long begin = System.nanoTime();
      try (AmiProducer producer = AmiProducer.start(ProducerConfig.fromMap(keys, ItSupport::env),
          topics, ItSupport.kafka(kafka), registry)) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(5))
            .until(() -> sims.stream().allMatch(s -> s.stats().finished())
                && sum(registry, PbxMetrics.FRAMES_READ)
                    >= sims.stream().mapToLong(s -> s.stats().framesReplayed()).sum());
        double read = sum(registry, PbxMetrics.FRAMES_READ);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(5))
            .until(() -> sum(registry, PbxMetrics.RECORDS_ACKED) >= read);
        double seconds = (System.nanoTime() - begin) / 1e9;
        LOG.info("THROUGHPUT ({}): {} PBX(s), {} frames read and acknowledged in {} s = {} frames/s",
            label, pbxs, (long) read, String.format("%.2f", seconds), String.format("%.0f", read / seconds));
        assertThat(sum(registry, PbxMetrics.DROPPED_FRAMES)).isZero();
        assertThat(sum(registry, PbxMetrics.SEND_ERRORS)).isZero();
      }
    } finally {
      sims.forEach(AmiSimulator::close);
    }
  }

  private static double sum(SimpleMeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }
}
