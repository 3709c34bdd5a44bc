package io.callstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class AmiProducerIT {

  @Test
  void shouldPublishEveryEventOfEveryFixtureInOrderWithGapFreeSequences(KafkaBroker kafka)
      throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 3);
    Map<String, AmiSimulator> simulators = new LinkedHashMap<>();
    Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LogCapture logs = new LogCapture()) {
      for (String scenario : RecordedCalls.SCENARIOS) {
        String pbxId = scenario.replace('_', '-');
        AmiSimulator sim = AmiSimulator.start(SimulatorConfig.ofScenarios(ItSupport.USER,
            ItSupport.SECRET, List.of(scenario)));
        simulators.put(pbxId, sim);
        keys.putAll(ItSupport.pbxKeys(pbxId, sim));
      }
      ProducerConfig config = ProducerConfig.fromMap(keys, ItSupport::env);
      Map<String, List<byte[]>> expected = new HashMap<>();
      for (String scenario : RecordedCalls.SCENARIOS) {
        expected.put(scenario.replace('_', '-'), fixtureEvents(scenario));
      }

      try (AmiProducer producer = AmiProducer.start(config, topics, ItSupport.kafka(kafka),
          registry)) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
            simulators.values().stream().allMatch(s -> s.stats().finished()));
        await().atMost(Duration.ofSeconds(20)).until(producer::isHealthy);
      }
      List<ConsumerRecord<String, AmiEvent>> all = TopicReader.readUntil(kafka, topics.amiEvents(),
          records -> byPbx(records).values().stream()
              .filter(l -> l.get(l.size() - 1).getKind() == AmiFrameKind.DISCONNECTED).count()
              == simulators.size(), Duration.ofSeconds(60));

      Map<String, List<AmiEvent>> byPbx = byPbx(all);
      assertThat(byPbx).containsOnlyKeys(simulators.keySet());
      for (Map.Entry<String, List<AmiEvent>> e : byPbx.entrySet()) {
        List<AmiEvent> records = e.getValue();
        assertOneGapFreeSession(records);
        assertThat(records.get(records.size() - 1).getDroppedFrames()).isZero();
        List<byte[]> published = ItSupport.asyncEvents(records).stream()
            .map(AmiEvents::frameBytes).toList();
        List<byte[]> fixture = expected.get(e.getKey());
        // The simulator greets each login with its own FullyBooted; the fixture's events follow.
        assertThat(published).hasSize(fixture.size() + 1);
        for (int i = 0; i < fixture.size(); i++) {
          assertThat(published.get(i + 1)).as("%s event %d", e.getKey(), i).isEqualTo(fixture.get(i));
        }
        assertThat(records).extracting(AmiEvent::getKind)
            .contains(AmiFrameKind.RESYNC_BEGIN, AmiFrameKind.RESYNC_END);
        assertThat(records).noneMatch(r -> r.toString().contains(ItSupport.SECRET));
      }
      assertThat(logs.everything()).doesNotContain(ItSupport.SECRET);
      assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().toString())
          .doesNotContain(ItSupport.SECRET));
    } finally {
      simulators.values().forEach(AmiSimulator::close);
    }
  }

  private static List<byte[]> fixtureEvents(String scenario) throws Exception {
    return AmiCapture.session(new ByteArrayInputStream(RecordedCalls.capture(scenario)), scenario,
            "p", "c", Instant.EPOCH).events().stream()
        .filter(e -> e.getKind() == AmiFrameKind.EVENT)
        .map(AmiEvents::frameBytes).toList();
  }

  static Map<String, List<AmiEvent>> byPbx(List<ConsumerRecord<String, AmiEvent>> records) {
    Map<String, List<AmiEvent>> byPbx = new LinkedHashMap<>();
    for (ConsumerRecord<String, AmiEvent> r : records) {
      assertThat(r.key()).isEqualTo(r.value().getPbxId());
      byPbx.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
    }
    return byPbx;
  }

  /** One connection: CONNECTED at 0, sequence +1 per record, DISCONNECTED last. */
  static void assertOneGapFreeSession(List<AmiEvent> records) {
    assertThat(records.stream().map(AmiEvent::getConnectionId).collect(Collectors.toSet())).hasSize(1);
    assertThat(records.get(0).getKind()).isEqualTo(AmiFrameKind.CONNECTED);
    for (int i = 0; i < records.size(); i++) {
      assertThat(records.get(i).getSequence()).isEqualTo(i);
    }
    assertThat(records.get(records.size() - 1).getKind()).isEqualTo(AmiFrameKind.DISCONNECTED);
  }
}
