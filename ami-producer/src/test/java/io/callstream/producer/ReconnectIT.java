package io.callstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.connection.ConnectionState;
import io.callstream.producer.connection.PbxConnection;
import io.callstream.producer.connection.PbxHealth;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connection loss, keep-alive and rejected logins, end to end against the simulator. */
@ExtendWith(KafkaBrokerExtension.class)
class ReconnectIT {

  private static final String SCENARIO = "inbound_answered";

  @Test
  void shouldMarkTheGapReconnectAndResyncTheLiveChannelsWhenTheConnectionDropsMidCall(
      KafkaBroker kafka) throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 1);
    List<AmiEvent> fixture = fixtureEvents();
    int midCall = indexOf(fixture, "BridgeEnter") + 1;
    try (AmiSimulator sim = AmiSimulator.start(
        SimulatorConfig.ofScenarios(ItSupport.USER, ItSupport.SECRET, List.of(SCENARIO)))) {
      sim.pauseAt(midCall);
      Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
      keys.putAll(ItSupport.pbxKeys("pbx1", sim));
      List<String> liveAtDrop;
      try (AmiProducer producer = AmiProducer.start(ProducerConfig.fromMap(keys, ItSupport::env),
          topics, ItSupport.kafka(kafka), new SimpleMeterRegistry())) {
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.stats().framesReplayed() == midCall);
        liveAtDrop = sim.liveChannels();
        assertThat(liveAtDrop).hasSizeGreaterThanOrEqualTo(2);
        String firstConnection = producer.health().get(0).connectionId();

        sim.dropConnections();

        await().atMost(Duration.ofSeconds(20)).until(() -> {
          PbxHealth h = producer.health().get(0);
          return h.isUp() && !h.connectionId().equals(firstConnection) && sim.stats().logins() == 2;
        });
        sim.resume();
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.stats().finished());
      }

      List<List<AmiEvent>> sessions = sessions(TopicReader.readUntil(kafka, topics.amiEvents(),
          r -> sessionsEnded(r) == 2, Duration.ofSeconds(30)));
      assertThat(sessions).hasSize(2);
      sessions.forEach(AmiProducerIT::assertOneGapFreeSession);
      AmiEvent lost = sessions.get(0).get(sessions.get(0).size() - 1);
      assertThat(lost.getDetail()).contains("closed by the PBX");
      assertThat(lost.getDroppedFrames()).isZero();

      List<AmiEvent> second = sessions.get(1);
      int begin = indexOfKind(second, AmiFrameKind.RESYNC_BEGIN);
      int end = indexOfKind(second, AmiFrameKind.RESYNC_END);
      assertThat(begin).isPositive().isLessThan(end);
      List<String> snapshot = second.subList(begin, end).stream()
          .filter(e -> "CoreShowChannel".equals(e.getEventName()))
          .map(e -> AmiEvents.header(e, "Uniqueid")).toList();
      assertThat(snapshot).containsExactlyInAnyOrderElementsOf(liveAtDrop);
      assertThat(second.get(end).getDetail()).contains("CoreShowChannels: " + liveAtDrop.size() + " items");

      // The replay waited while the producer was away, so nothing was lost in between.
      List<byte[]> replayed = new ArrayList<>();
      for (List<AmiEvent> session : sessions) {
        List<AmiEvent> events = ItSupport.asyncEvents(session);
        events.subList(1, events.size()).forEach(e -> replayed.add(AmiEvents.frameBytes(e)));
      }
      assertThat(replayed).hasSize(fixture.size());
      for (int i = 0; i < fixture.size(); i++) {
        assertThat(replayed.get(i)).isEqualTo(AmiEvents.frameBytes(fixture.get(i)));
      }
    }
  }

  @Test
  void shouldDetectAHalfOpenConnectionWithTheKeepAlivePing(KafkaBroker kafka) throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 1);
    try (AmiSimulator sim = AmiSimulator.start(
        SimulatorConfig.ofScenarios(ItSupport.USER, ItSupport.SECRET, List.of(SCENARIO)))) {
      sim.pauseAt(0);
      Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
      keys.put("ami.keepalive.interval.ms", "300");
      keys.put("ami.keepalive.timeout.ms", "300");
      keys.putAll(ItSupport.pbxKeys("pbx1", sim));
      try (AmiProducer producer = AmiProducer.start(ProducerConfig.fromMap(keys, ItSupport::env),
          topics, ItSupport.kafka(kafka), new SimpleMeterRegistry())) {
        await().atMost(Duration.ofSeconds(20)).until(producer::isHealthy);
        sim.setUnresponsive(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> !producer.isHealthy());
        sim.setUnresponsive(false);
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.stats().logins() >= 2 && producer.isHealthy());
      }
      List<List<AmiEvent>> sessions = sessions(TopicReader.readUntil(kafka, topics.amiEvents(),
          r -> sessionsEnded(r) >= 2, Duration.ofSeconds(30)));
      AmiEvent first = sessions.get(0).get(sessions.get(0).size() - 1);
      assertThat(first.getKind()).isEqualTo(AmiFrameKind.DISCONNECTED);
      assertThat(first.getDetail()).contains("no Ping answer within 300 ms");
    }
  }

  @Test
  void shouldReportRejectedCredentialsOnceAndRetryABoundedNumberOfTimes(KafkaBroker kafka)
      throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 1);
    String wrong = "wrong-Secret-4711";
    try (AmiSimulator sim = AmiSimulator.start(SimulatorConfig.ofScenarios(ItSupport.USER,
            ItSupport.SECRET, List.of(SCENARIO)).withAuthFailureDelay(Duration.ofMillis(50)));
        LogCapture logs = new LogCapture()) {
      Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
      keys.putAll(ItSupport.pbxKeys("pbx1", sim));
      keys.put("ami.auth.max.retries", "2");
      keys.put("ami.auth.retry.delay.ms", "300");
      ProducerConfig config = ProducerConfig.fromMap(keys,
          name -> ItSupport.SECRET_ENV.equals(name) ? wrong : null);
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      try (AmiProducer producer = AmiProducer.start(config, topics, ItSupport.kafka(kafka), registry)) {
        await().atMost(Duration.ofSeconds(20))
            .until(() -> producer.health().get(0).state() == ConnectionState.FAILED);
        Thread.sleep(1000);
        assertThat(sim.stats().loginFailures()).isEqualTo(3);
        assertThat(sim.stats().logins()).isZero();
        assertThat(producer.health().get(0).lastError()).contains("rejected");
        assertThat(registry.get("callstream.ami.auth.failures").counter().count()).isEqualTo(3);
      }
      assertThat(logs.at(Level.ERROR, PbxConnection.class)).singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage())
              .contains("login as 'crm' rejected", "ami.pbx.pbx1.username", "Retrying 2 more time(s)"));
      assertThat(logs.everything()).doesNotContain(wrong).doesNotContain(ItSupport.SECRET);
    }
    assertThat(TopicReader.readUntil(kafka, topics.amiEvents(), r -> false, Duration.ofSeconds(2)))
        .isEmpty();
  }

  private static List<AmiEvent> fixtureEvents() throws Exception {
    return AmiCapture.session(new ByteArrayInputStream(RecordedCalls.capture(SCENARIO)), SCENARIO,
            "p", "c", Instant.EPOCH).events().stream()
        .filter(e -> e.getKind() == AmiFrameKind.EVENT).toList();
  }

  private static int indexOf(List<AmiEvent> events, String name) {
    for (int i = 0; i < events.size(); i++) {
      if (name.equals(events.get(i).getEventName())) {
        return i;
      }
    }
    throw new AssertionError("no " + name);
  }

  private static int indexOfKind(List<AmiEvent> events, AmiFrameKind kind) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).getKind() == kind) {
        return i;
      }
    }
    return -1;
  }

  private static long sessionsEnded(List<ConsumerRecord<String, AmiEvent>> records) {
    return records.stream().filter(r -> r.value().getKind() == AmiFrameKind.DISCONNECTED).count();
  }

  private static List<List<AmiEvent>> sessions(List<ConsumerRecord<String, AmiEvent>> records) {
    Map<String, List<AmiEvent>> byConnection = new LinkedHashMap<>();
    for (ConsumerRecord<String, AmiEvent> r : records) {
      byConnection.computeIfAbsent(r.value().getConnectionId(), k -> new ArrayList<>()).add(r.value());
    }
    return new ArrayList<>(byConnection.values());
  }
}
