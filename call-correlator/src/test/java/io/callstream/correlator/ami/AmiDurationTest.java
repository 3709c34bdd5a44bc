package io.callstream.correlator.ami;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmiDurationTest {

  @Test
  void readsHoursMinutesSecondsAndBareSeconds() {
    assertThat(AmiDuration.millis("00:01:30")).isEqualTo(90_000);
    assertThat(AmiDuration.millis("27:00:01")).isEqualTo((27 * 3600 + 1) * 1000L);
    assertThat(AmiDuration.millis("42")).isEqualTo(42_000);
  }

  @Test
  void unreadableValuesAreMinusOne() {
    for (String bad : new String[] {null, "", "1:", ":1", "1::2", "a:00:01", "-5", "00:01:30 "}) {
      assertThat(AmiDuration.millis(bad)).as(String.valueOf(bad)).isEqualTo(-1);
    }
  }
}
