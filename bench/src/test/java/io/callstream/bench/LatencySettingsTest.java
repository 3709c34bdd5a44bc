package io.callstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySettingsTest {

  @Test
  void shouldPassNothingForTheComponentDefaults() {
    LatencySettings defaults = LatencySettings.componentDefaults();

    assertThat(defaults.correlator()).isEmpty();
    assertThat(defaults.sink()).isEmpty();
    assertThat(defaults.describe()).contains("component defaults");
  }

  @Test
  void shouldShortenTheCommitIntervalOnlyUnderExactlyOnce() {
    assertThat(LatencySettings.recommended(false).correlator())
        .containsEntry("producer.linger.ms", 5).containsEntry("poll.ms", 10).doesNotContainKey("commit.interval.ms");
    assertThat(LatencySettings.recommended(true).sink()).containsEntry("commit.interval.ms", 20);
  }

  @Test
  void shouldPassStreamsOwnDefaultsExplicitlySoTheComponentsDefaultsDoNotHideThem() {
    assertThat(LatencySettings.streamsDefaults(true).sink()).containsEntry("producer.linger.ms", 100)
        .containsEntry("poll.ms", 100).containsEntry("commit.interval.ms", 100);
    assertThat(LatencySettings.streamsDefaults(false).correlator()).doesNotContainKey("commit.interval.ms");
  }

  @Test
  void shouldStartEachLadderAtStreamsDefaultsAndContainTheRecommendedSettingsAndTheComponentDefaults() {
    for (boolean exactlyOnce : new boolean[] {false, true}) {
      List<LatencySettings> ladder = LatencySettings.ladder(exactlyOnce);

      assertThat(ladder.get(0)).isEqualTo(LatencySettings.streamsDefaults(exactlyOnce));
      assertThat(ladder.get(ladder.size() - 1)).isEqualTo(LatencySettings.componentDefaults());
      assertThat(ladder).extracting(LatencySettings::correlator)
          .contains(LatencySettings.recommended(exactlyOnce).correlator());
      assertThat(ladder).extracting(LatencySettings::name).doesNotHaveDuplicates();
    }
  }

  @Test
  void shouldDescribeBothComponentsSortedByKey() {
    LatencySettings s = LatencySettings.componentDefaults().withCorrelator("b", 2).withCorrelator("a", 1)
        .withSink("c", 3);

    assertThat(s.describe()).isEqualTo("correlator {a=1, b=2}, sink {c=3}");
  }
}
