package io.callstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.metrics.PbxMetrics;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.AmiHeader;
import io.callstream.schemas.ami.AmiCapture;
import io.callstream.schemas.ami.AmiEvents;
import io.callstream.schemas.ami.RecordedCalls;
import io.callstream.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ten simulated PBXs at once, each replaying three captures three times (the later passes
 * rewritten into new calls): every event published, in each PBX's order.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ManyPbxIT {

  private static final List<String> SCENARIOS =
      List.of("inbound_answered", "queue_ringall_answered", "concurrent_mix");
  private static final int PBXS = 10;
  private static final int LOOPS = 3;

  @Test
  void shouldPublishEveryEventOfTenPbxsKeepingEachPbxsOrder(KafkaBroker kafka) throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 4);
    List<AmiEvent> onePass = new ArrayList<>();
    for (String s : SCENARIOS) {
      onePass.addAll(AmiCapture.session(new ByteArrayInputStream(RecordedCalls.capture(s)), s, "p",
          "c", Instant.EPOCH).events().stream().filter(e -> e.getKind() == AmiFrameKind.EVENT).toList());
    }
    SimulatorConfig simConfig = SimulatorConfig.ofScenarios(ItSupport.USER, ItSupport.SECRET,
        SCENARIOS).withLoops(LOOPS, 1);
    List<AmiSimulator> sims = AmiSimulator.startMany(PBXS, simConfig);
    try {
      Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
      for (int i = 0; i < PBXS; i++) {
        keys.putAll(ItSupport.pbxKeys("pbx" + i, sims.get(i)));
      }
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      long expectedFrames = (long) PBXS * LOOPS * onePass.size();
      AmiProducer producer = AmiProducer.start(ProducerConfig.fromMap(keys, ItSupport::env),
          topics, ItSupport.kafka(kafka), registry);
      try {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
            .until(() -> registry.find(PbxMetrics.RECORDS_ACKED).counters().stream()
                .mapToDouble(c -> c.count()).sum() >= expectedFrames);
        assertThat(sims).allMatch(s -> s.stats().finished());
      } finally {
        producer.close();
      }
      Map<String, List<AmiEvent>> byPbx = AmiProducerIT.byPbx(TopicReader.readUntil(kafka,
          topics.amiEvents(), r -> r.stream().filter(x -> x.value().getKind()
              == AmiFrameKind.DISCONNECTED).count() == PBXS, Duration.ofSeconds(60)));
      assertThat(byPbx).hasSize(PBXS);
      for (List<AmiEvent> records : byPbx.values()) {
        AmiProducerIT.assertOneGapFreeSession(records);
        List<AmiEvent> events = ItSupport.asyncEvents(records);
        List<AmiEvent> replayed = events.subList(1, events.size());
        assertThat(replayed).hasSize(LOOPS * onePass.size());
        for (int loop = 0; loop < LOOPS; loop++) {
          for (int i = 0; i < onePass.size(); i++) {
            AmiEvent sent = replayed.get(loop * onePass.size() + i);
            AmiEvent original = onePass.get(i);
            if (loop == 0) {
              assertThat(AmiEvents.frameBytes(sent)).isEqualTo(AmiEvents.frameBytes(original));
            } else {
              assertThat(names(sent)).as("loop %d event %d", loop, i).isEqualTo(names(original));
              String id = AmiEvents.header(original, "Uniqueid");
              if (id != null && id.matches("\\d+\\.\\d+")) {
                assertThat(AmiEvents.header(sent, "Uniqueid")).isNotEqualTo(id);
              }
            }
          }
        }
      }
    } finally {
      sims.forEach(AmiSimulator::close);
    }
  }

  private static List<String> names(AmiEvent event) {
    return event.getHeaders().stream().map(AmiHeader::getName).toList();
  }
}
