package io.callstream.sink.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.Direction;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.fixtures.Lifecycles;
import io.callstream.sink.mapping.PlanState;
import io.callstream.sink.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

class PlanningTopologyTest {

  private static final Topics TOPICS = Topics.defaults();

  @TempDir
  Path stateDir;

  /** One portal, pbx1 routed to it, plus {@code extra} key/value pairs. */
  private static SinkConfig config(String... extra) {
    Map<String, String> m = new HashMap<>(Map.of(
        "bitrix.portals", "main",
        "bitrix.portal.main.webhook.url", "https://b24.example.com/rest/1/code123456/",
        "sink.pbx.ids", "pbx1",
        "sink.pbx.pbx1.portal", "main"));
    for (int i = 0; i < extra.length; i += 2) {
      m.put(extra[i], extra[i + 1]);
    }
    return SinkConfig.fromMap(m);
  }

  private TopologyTestDriver driver(String applicationId, SinkConfig config) {
    Properties props = new Properties();
    props.put("application.id", applicationId);
    props.put("bootstrap.servers", "127.0.0.1:9");
    props.put("state.dir", stateDir.toString());
    return new TopologyTestDriver(PlanningTopology.build(TOPICS, config), props);
  }

  private static TestInputTopic<String, CallEvent> lifecycle(TopologyTestDriver driver) {
    return driver.createInputTopic(TOPICS.callLifecycle().name(),
        TOPICS.callLifecycle().keySerde().serializer(), TOPICS.callLifecycle().valueSerde().serializer());
  }

  private static TestOutputTopic<String, BitrixCommand> commands(TopologyTestDriver driver) {
    return driver.createOutputTopic(TOPICS.bitrixCommands().name(),
        TOPICS.bitrixCommands().keySerde().deserializer(), TOPICS.bitrixCommands().valueSerde().deserializer());
  }

  private static TestOutputTopic<String, BitrixDeadLetter> deadLetters(TopologyTestDriver driver) {
    return driver.createOutputTopic(TOPICS.bitrixDeadLetter().name(),
        TOPICS.bitrixDeadLetter().keySerde().deserializer(),
        TOPICS.bitrixDeadLetter().valueSerde().deserializer());
  }

  @Test
  void plansCommandsKeyedByPortalIgnoresLateDuplicatesAndDeadLettersUnroutedPbx() {
    try (TopologyTestDriver driver = driver("planning-test", config())) {
      TestInputTopic<String, CallEvent> in = lifecycle(driver);
      TestOutputTopic<String, BitrixCommand> out = commands(driver);
      TestOutputTopic<String, BitrixDeadLetter> dead = deadLetters(driver);

      List<CallEvent> events = new ArrayList<>(Lifecycles.queueRingAll("pbx1", "pbx1/q.1"));
      events.add(events.get(events.size() - 1));
      events.forEach(e -> in.pipeInput(e.getCallId(), e));
      List<KeyValue<String, BitrixCommand>> commands = out.readKeyValuesToList();
      assertThat(commands).extracting(kv -> kv.key).containsOnly("main");
      assertThat(commands).extracting(kv -> kv.value.getKind()).containsExactly(
          BitrixCommandKind.REGISTER, BitrixCommandKind.SHOW, BitrixCommandKind.HIDE,
          BitrixCommandKind.FINISH);

      Lifecycles.inboundAnswered("pbx9", "pbx9/x.1").forEach(e -> in.pipeInput(e.getCallId(), e));
      assertThat(out.isEmpty()).isTrue();
      List<BitrixDeadLetter> letters = dead.readValuesToList();
      assertThat(letters).hasSize(1);
      assertThat(letters.get(0).getReason()).contains("pbx9").contains("sink.pbx.ids");
    }
  }

  @Test
  void endedCallsAreForgottenAfterTheRetentionOnStreamTimeWhileRecentOnesStillIgnoreDuplicates() {
    SinkConfig config = config("bitrix.crm.call.timeout.seconds", "600",
        "sink.dedup.retention.hours", "1");
    Instant t0 = Instant.parse("2026-11-20T08:00:00Z");
    try (TopologyTestDriver driver = driver("planning-purge-test", config);
        LogCapture logs = LogCapture.install()) {
      TestInputTopic<String, CallEvent> in = lifecycle(driver);
      TestOutputTopic<String, BitrixCommand> out = commands(driver);
      KeyValueStore<String, PlanState> store = driver.getKeyValueStore(PlanningTopology.STATE_STORE);
      BiConsumer<List<CallEvent>, Instant> pipe = (events, at) ->
          events.forEach(e -> in.pipeInput(e.getCallId(), e, at));

      List<CallEvent> a = Lifecycles.queueRingAll("pbx1", "pbx1/a");
      pipe.accept(a, t0);
      List<CallEvent> b = Lifecycles.inboundAnswered("pbx1", "pbx1/b");
      pipe.accept(b, t0.plus(Duration.ofMinutes(50)));
      List<CallEvent> c = Lifecycles.queueRingAll("pbx1", "pbx1/c");
      pipe.accept(c.subList(0, 2), t0.plus(Duration.ofMinutes(55)));
      PlanState legacy = new PlanState();
      legacy.ended = true;
      store.put("pbx1/legacy", legacy);
      out.readValuesToList();

      pipe.accept(Lifecycles.missedInIvr("pbx1", "pbx1/d").subList(0, 1), t0.plus(Duration.ofMinutes(65)));
      assertThat(store.get("pbx1/a")).as("ended 65 min ago").isNull();
      assertThat(store.get("pbx1/b").ended).isTrue();
      assertThat(store.get("pbx1/c").ended).isFalse();
      assertThat(store.get("pbx1/legacy").lastSeenAt).as("counted from now")
          .isEqualTo(t0.plus(Duration.ofMinutes(65)).toEpochMilli());
      pipe.accept(b.subList(b.size() - 1, b.size()), t0.plus(Duration.ofMinutes(66)));
      assertThat(out.isEmpty()).as("a duplicate of a remembered call changes nothing").isTrue();
      assertThat(store.get("pbx1/b").lastSeenAt).as("duplicates keep coming: remember it longer")
          .isEqualTo(t0.plus(Duration.ofMinutes(66)).toEpochMilli());

      pipe.accept(Lifecycles.missedInIvr("pbx1", "pbx1/e").subList(0, 1), t0.plus(Duration.ofMinutes(127)));
      assertThat(store.get("pbx1/b")).isNull();
      assertThat(store.get("pbx1/legacy")).isNull();
      PlanState givenUp = store.get("pbx1/c");
      assertThat(givenUp.ended).as("silent for over an hour without ending").isTrue();
      assertThat(givenUp.shown).isEmpty();
      assertThat(givenUp.lastSeenAt).isEqualTo(t0.plus(Duration.ofMinutes(127)).toEpochMilli());
      assertThat(logs.events(Level.WARN, PlanStatePurge.class.getName()))
          .extracting(ILoggingEvent::getMDCPropertyMap).containsExactly(
              Map.of("pbxId", "pbx1", "callId", "pbx1/c"), Map.of("pbxId", "pbx1", "callId", "pbx1/d"));
      assertThat(store.get("pbx1/d").ended).isTrue();
      assertThat(store.get("pbx1/e").ended).isFalse();
      pipe.accept(c.subList(2, c.size()), t0.plus(Duration.ofMinutes(128)));
      assertThat(out.isEmpty()).as("a straggler of a given-up call changes nothing").isTrue();

      pipe.accept(a, t0.plus(Duration.ofMinutes(129)));
      assertThat(out.readValuesToList()).as("a forgotten call is planned again (the dispatcher "
          + "refuses commands older than the retention)").isNotEmpty();
    }
  }

  @Test
  void aCallThatCannotBePlannedIsLoggedWithItsPbxAndCallAndDeadLetteredLeavingNoContext() {
    try (TopologyTestDriver driver = driver("planning-failure-test", config());
        LogCapture logs = LogCapture.install()) {
      TestInputTopic<String, CallEvent> in = lifecycle(driver);
      TestOutputTopic<String, BitrixDeadLetter> dead = deadLetters(driver);
      // Stored by a version that knew a direction this one does not.
      PlanState unreadable = new PlanState();
      unreadable.pbxId = "pbx1";
      unreadable.direction = "SIDEWAYS";
      driver.<String, PlanState>getKeyValueStore(PlanningTopology.STATE_STORE)
          .put("pbx1/x.1", unreadable);

      in.pipeInput("pbx1/x.1", Lifecycles.call("pbx1", "pbx1/x.1", Direction.UNKNOWN, "79990001122")
          .started(null).build().get(0));

      assertThat(dead.readValuesToList()).singleElement()
          .satisfies(d -> assertThat(d.getReason()).startsWith("planning failed"));
      assertThat(logs.events(Level.WARN, PlanningProcessor.class.getName())).singleElement()
          .satisfies(e -> assertThat(e.getMDCPropertyMap())
              .containsOnly(entry("pbxId", "pbx1"), entry("callId", "pbx1/x.1")));
      assertThat(MDC.getCopyOfContextMap()).as("nothing left on the stream thread").isNullOrEmpty();
    }
  }
}
