package io.callstream.sink.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.fixtures.Lifecycles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanningTopologyTest {

  @TempDir
  Path stateDir;

  @Test
  void plansCommandsKeyedByPortalIgnoresLateDuplicatesAndDeadLettersUnroutedPbx() {
    SinkConfig config = SinkConfig.fromMap(Map.of(
        "bitrix.portals", "main",
        "bitrix.portal.main.webhook.url", "https://b24.example.com/rest/1/code123456/",
        "sink.pbx.ids", "pbx1",
        "sink.pbx.pbx1.portal", "main"));
    Topics topics = Topics.defaults();
    Properties props = new Properties();
    props.put("application.id", "planning-test");
    props.put("bootstrap.servers", "127.0.0.1:9");
    props.put("state.dir", stateDir.toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(PlanningTopology.build(topics, config), props)) {
      TestInputTopic<String, CallEvent> in = driver.createInputTopic(topics.callLifecycle().name(),
          topics.callLifecycle().keySerde().serializer(), topics.callLifecycle().valueSerde().serializer());
      TestOutputTopic<String, BitrixCommand> out = driver.createOutputTopic(
          topics.bitrixCommands().name(), topics.bitrixCommands().keySerde().deserializer(),
          topics.bitrixCommands().valueSerde().deserializer());
      TestOutputTopic<String, BitrixDeadLetter> dead = driver.createOutputTopic(
          topics.bitrixDeadLetter().name(), topics.bitrixDeadLetter().keySerde().deserializer(),
          topics.bitrixDeadLetter().valueSerde().deserializer());

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
}
