package io.callstream.schemas.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Low-latency Streams defaults that the operator can override. */
class LowLatencyStreamsTest {

  @Test
  void shouldCommitOftenUnderExactlyOnceBecauseReadersSeeOnlyCommittedOutput() {
    Properties p = new Properties();

    LowLatencyStreams.applyDefaults(p, "exactly_once_v2");

    assertThat(p).containsEntry("commit.interval.ms", "20").containsEntry("poll.ms", "10")
        .containsEntry("producer.linger.ms", "5");
  }

  @Test
  void shouldLeaveTheCommitIntervalAloneAtLeastOnce() {
    Properties p = new Properties();

    LowLatencyStreams.applyDefaults(p, "at_least_once");

    assertThat(p).doesNotContainKey("commit.interval.ms").containsEntry("poll.ms", "10");
  }

  @Test
  void shouldKeepWhatTheOperatorSet() {
    Properties p = new Properties();
    p.put("commit.interval.ms", "100");
    p.put("linger.ms", "50");

    LowLatencyStreams.applyDefaults(p, "exactly_once_v2");

    assertThat(p).containsEntry("commit.interval.ms", "100").containsEntry("linger.ms", "50")
        .doesNotContainKey("producer.linger.ms");
  }
}
