package io.callstream.deploy.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.deploy.run.ComponentLauncher;
import io.callstream.deploy.run.TokenStore;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.topics.TopicProvisioner;
import io.callstream.schemas.topics.Topics;
import io.callstream.schemas.topics.ValueSerdeFactory;
import io.callstream.sink.BitrixSink;
import io.callstream.sink.crm.ReceiverStatus;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.callstream.sink.emulator.Ledger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.callstream.producer.simulator.OriginateOutcome;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Click-to-call across the whole product, with no inbound port: an agent clicks a number in the
 * (emulated) CRM, the sink takes the request from the offline event queue, the producer of the
 * agent's PBX originates the call once, the correlator carries Bitrix24's CALL_ID into the
 * lifecycle, and the sink finishes that same call — never registering a second one.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ClickToCallIT {

  private static final String SECRET = "c2c-secret";
  private static final String NUMBER = "79161230000";

  @TempDir
  Path state;

  @Test
  void shouldOriginateOnceAndFinishTheCrmsOwnCall(KafkaBroker kafka) throws Exception {
    try (Pipeline p = new Pipeline(kafka)) {
      p.startAll();
      p.awaitEventsBound();
      String callId = p.bitrix.clickToCall(11, NUMBER, "74951234567");

      p.assertFinishedOnce(callId);
    }
  }

  @ParameterizedTest
  @CsvSource({"SECOND_LEG_NO_ANSWER, 304", "SECOND_LEG_BUSY, 486", "FIRST_LEG_NO_ANSWER, 304"})
  void shouldFinishAnUnansweredClickWithItsStatus(OriginateOutcome outcome, String status,
      KafkaBroker kafka) throws Exception {
    try (Pipeline p = new Pipeline(kafka)) {
      p.pbx.setOriginateOutcome(outcome);
      p.startAll();
      p.awaitEventsBound();
      String callId = p.bitrix.clickToCall(11, NUMBER, "74951234567");

      p.assertFinishedOnce(callId, status);
    }
  }

  @Test
  void shouldStillFinishItWhenTheSinkRestartsBetweenTheClickAndTheAnswer(KafkaBroker kafka) throws Exception {
    try (Pipeline p = new Pipeline(kafka)) {
      p.startAll();
      p.awaitEventsBound();
      p.sink.component().close();
      String callId = p.bitrix.clickToCall(11, NUMBER, "74951234567");
      Thread.sleep(1500);
      assertThat(p.originates()).as("nothing happens while the sink is down").isZero();
      p.sink = p.startSink();

      p.assertFinishedOnce(callId);
    }
  }

  /** Everything of one test, with its own topics. */
  private final class Pipeline implements AutoCloseable {
    final String prefix = "c2c" + UUID.randomUUID().toString().substring(0, 6) + ".";
    final Topics topics = new Topics(prefix, ValueSerdeFactory.defaults());
    final Map<String, Object> props;
    final AmiSimulator pbx;
    final BitrixEmulator bitrix;
    final List<AutoCloseable> others = new ArrayList<>();
    ComponentLauncher.Started sink;

    Pipeline(KafkaBroker kafka) throws Exception {
      props = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers()));
      try (Admin admin = Admin.create(props)) {
        new TopicProvisioner(admin).createMissing(topics, 1, (short) 1);
      }
      pbx = AmiSimulator.start(SimulatorConfig.ofScenarios("callstream", SECRET, List.of("inbound_busy")));
      bitrix = BitrixEmulator.start(EmulatorConfig.builder().build());
    }

    void startAll() {
      Map<String, String> producerKeys = new HashMap<>(Map.of("ami.pbx.office.host", pbx.host(),
          "ami.pbx.office.port", Integer.toString(pbx.port()), "ami.pbx.office.username", "callstream",
          "ami.pbx.office.secret.env", "SECRET", "ami.commands.enabled", "true",
          "ami.commands.group.id", prefix + "commands"));
      others.add(ComponentLauncher.producer(producerKeys, name -> SECRET, topics, props,
          new SimpleMeterRegistry()).component());
      others.add(ComponentLauncher.correlator(Map.of("correlator.application.id", prefix + "correlator"),
          topics, props, state).component());
      sink = startSink();
    }

    ComponentLauncher.Started startSink() {
      EmulatorConfig e = bitrix.config();
      Map<String, String> keys = new HashMap<>();
      keys.put("sink.application.id", prefix + "sink");
      keys.put("bitrix.portals", "main");
      String p = "bitrix.portal.main.";
      keys.put(p + "oauth.rest.endpoint", bitrix.oauthRestEndpoint());
      keys.put(p + "oauth.token.url", bitrix.tokenUrl());
      keys.put(p + "oauth.client.id", e.oauthClientId());
      keys.put(p + "oauth.client.secret", e.oauthClientSecret());
      keys.put(p + "oauth.access.token", e.accessToken());
      keys.put(p + "oauth.refresh.token", e.refreshToken());
      keys.put(p + "events.mode", "offline");
      keys.put(p + "events.application.token", e.applicationToken());
      keys.put("bitrix.events.poll.interval.ms", "300");
      keys.put("sink.pbx.ids", "office");
      keys.put("sink.pbx.office.portal", "main");
      return ComponentLauncher.sink(keys, topics, props, state, new SimpleMeterRegistry(),
          new TokenStore(state.resolve("tokens")));
    }

    /** Bitrix24 queues events only once they are bound; the receiver binds them at start. */
    void awaitEventsBound() {
      BitrixSink running = (BitrixSink) sink.component();
      await().atMost(Duration.ofSeconds(30)).until(() -> running.crmRequests().orElseThrow().status()
          .stream().allMatch(ReceiverStatus::bound));
    }

    long originates() {
      return pbx.receivedActions().stream().filter(a -> "Originate".equalsIgnoreCase(a.get("action"))).count();
    }

    void assertFinishedOnce(String crmCallId) {
      assertFinishedOnce(crmCallId, "200");
    }

    void assertFinishedOnce(String crmCallId, String status) {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
          assertThat(bitrix.ledger().calls()).filteredOn(c -> c.callId().equals(crmCallId))
              .singleElement().extracting(Ledger.Call::finished).isEqualTo(true));
      Ledger.Call call = bitrix.ledger().calls().stream().filter(c -> c.callId().equals(crmCallId))
          .findFirst().orElseThrow();
      assertThat(call.finishRequests()).isEqualTo(1);
      assertThat(call.statusCode()).isEqualTo(status);
      assertThat(bitrix.ledger().calls()).filteredOn(c -> NUMBER.equals(c.phoneNumber()))
          .as("no second Bitrix24 call for the clicked number").hasSize(1);
      assertThat(originates()).isEqualTo(1);
      assertThat(lifecycleEndsWith(crmCallId)).as("one lifecycle carries the CALL_ID to its end").isEqualTo(1);
    }

    private long lifecycleEndsWith(String crmCallId) {
      long ended = 0;
      try (KafkaConsumer<String, CallEvent> c = new KafkaConsumer<>(Map.of(
          "bootstrap.servers", props.get("bootstrap.servers"), "group.id", prefix + "check",
          "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
          topics.callLifecycle().keySerde().deserializer(), topics.callLifecycle().valueSerde().deserializer())) {
        c.subscribe(List.of(topics.callLifecycle().name()));
        for (int i = 0; i < 10; i++) {
          for (var r : c.poll(Duration.ofMillis(500))) {
            if (r.value().getType() == CallEventType.ENDED && crmCallId.equals(r.value().getCrmCallId())) {
              ended++;
            }
          }
        }
      }
      return ended;
    }

    @Override
    public void close() throws Exception {
      if (sink != null) {
        sink.component().close();
      }
      for (AutoCloseable c : others) {
        c.close();
      }
      pbx.close();
      bitrix.close();
    }
  }
}
