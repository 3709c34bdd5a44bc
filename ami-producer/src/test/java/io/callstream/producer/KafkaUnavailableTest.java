package io.callstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.metrics.PbxMetrics;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kafka is unreachable for longer than the hand-off holds: the loss must be counted, the
 * connection restarted, and the socket reader never blocked. No broker is needed for that.
 */
class KafkaUnavailableTest {

  @Test
  void shouldCountEveryFrameItCouldNotPublishAndKeepReconnecting() throws Exception {
    int deadPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      deadPort = probe.getLocalPort();
    }
    try (AmiSimulator sim = AmiSimulator.start(SimulatorConfig.ofScenarios(ItSupport.USER,
        ItSupport.SECRET, List.of("queue_ringall_answered")))) {
      Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
      keys.putAll(ItSupport.pbxKeys("pbx1", sim));
      keys.put("ami.handoff.capacity", "16");
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      Map<String, Object> kafka = Map.of("bootstrap.servers", "127.0.0.1:" + deadPort,
          "max.block.ms", "100", "delivery.timeout.ms", "1000", "request.timeout.ms", "500",
          "linger.ms", "0", "reconnect.backoff.max.ms", "200");
      AmiProducer producer = AmiProducer.start(ProducerConfig.fromMap(keys, ItSupport::env),
          Topics.defaults(), kafka, registry);
      try {
        // Reconnected: a second login after the first session was given up.
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.stats().finished()
            && sim.stats().logins() >= 2 && count(registry, PbxMetrics.GAPS) >= 1);
        assertThat(count(registry, PbxMetrics.RECONNECTS)).isGreaterThanOrEqualTo(1);
        assertThat(count(registry, PbxMetrics.DROPPED_FRAMES)).isPositive();
      } finally {
        producer.close();
      }
      double read = count(registry, PbxMetrics.FRAMES_READ);
      assertThat(read).isPositive();
      assertThat(count(registry, PbxMetrics.RECORDS_ACKED)).isZero();
      // Nothing vanished silently: every frame read was either dropped (counted) or refused by Kafka.
      assertThat(count(registry, PbxMetrics.DROPPED_FRAMES) + count(registry, PbxMetrics.SEND_ERRORS))
          .isGreaterThanOrEqualTo(read);
    }
  }

  private static double count(SimpleMeterRegistry registry, String name) {
    return registry.get(name).counter().count();
  }
}
