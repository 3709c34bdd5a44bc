package io.callstream.correlator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.correlator.config.ConfigException;
import io.callstream.correlator.config.CorrelatorConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The correlator's Streams settings: low-latency defaults that the operator can override. */
class StreamsPropertiesTest {

  private static final Map<String, Object> CLUSTER = Map.of("bootstrap.servers", "kafka:9092");

  @Test
  void shouldCommitOftenUnderExactlyOnceBecauseDownstreamSeesOnlyCommittedOutput() {
    Properties p = CallCorrelator.streamsProperties(CorrelatorConfig.defaults(), CLUSTER);

    assertThat(p.getProperty("processing.guarantee")).isEqualTo("exactly_once_v2");
    assertThat(p).containsEntry("commit.interval.ms", "20").containsEntry("poll.ms", "10")
        .containsEntry("producer.linger.ms", "5");
  }

  @Test
  void shouldLeaveTheCommitIntervalAloneAtLeastOnce() {
    CorrelatorConfig alo = CorrelatorConfig.fromMap(Map.of("correlator.processing.guarantee", "at_least_once"));

    Properties p = CallCorrelator.streamsProperties(alo, CLUSTER);

    assertThat(p).doesNotContainKey("commit.interval.ms").containsEntry("producer.linger.ms", "5");
  }

  @Test
  void shouldKeepWhatTheOperatorSet() {
    Properties p = CallCorrelator.streamsProperties(CorrelatorConfig.defaults(), Map.of(
        "bootstrap.servers", "kafka:9092", "commit.interval.ms", "100", "linger.ms", 50, "poll.ms", "100"));

    assertThat(p).containsEntry("commit.interval.ms", "100").containsEntry("linger.ms", 50)
        .containsEntry("poll.ms", "100").doesNotContainKey("producer.linger.ms");
  }

  @Test
  void shouldNameTheMissingBootstrapServers() {
    assertThatThrownBy(() -> CallCorrelator.streamsProperties(CorrelatorConfig.defaults(), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap.servers");
  }
}
