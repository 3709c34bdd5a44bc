package io.callstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.sink.config.SinkConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The planner's Streams settings: its own application id and guarantee, low-latency defaults. */
class PlannerPropertiesTest {

  private static Map<String, String> config(String guarantee) {
    Map<String, String> m = new HashMap<>();
    m.put("bitrix.portals", "main");
    m.put("bitrix.portal.main.webhook.url", "https://b24.example.com/rest/1/abcdef0123456789/");
    m.put("sink.pbx.ids", "pbx1");
    m.put("sink.pbx.pbx1.portal", "main");
    m.put(SinkConfig.APPLICATION_ID, "acme-sink");
    m.put(SinkConfig.PROCESSING_GUARANTEE, guarantee);
    return m;
  }

  @Test
  void shouldCommitOftenUnderExactlyOnceBecauseTheDispatcherReadsOnlyCommittedCommands() {
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", "kafka:9092");

    Properties p = BitrixSink.plannerProperties(SinkConfig.fromMap(config("exactly_once_v2")),
        kafka);

    assertThat(p).containsEntry("application.id", "acme-sink-planner")
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("bootstrap.servers", "kafka:9092")
        .containsEntry("commit.interval.ms", "20").containsEntry("poll.ms", "10")
        .containsEntry("producer.linger.ms", "5");
  }

  @Test
  void shouldKeepWhatTheOperatorSet() {
    Properties kafka = new Properties();
    kafka.put("commit.interval.ms", "100");
    kafka.put("linger.ms", "50");

    Properties p = BitrixSink.plannerProperties(SinkConfig.fromMap(config("at_least_once")), kafka);

    assertThat(p).containsEntry("commit.interval.ms", "100").containsEntry("linger.ms", "50")
        .containsEntry("poll.ms", "10").doesNotContainKey("producer.linger.ms");
  }
}
