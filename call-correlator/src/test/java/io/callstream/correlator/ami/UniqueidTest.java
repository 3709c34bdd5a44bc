package io.callstream.correlator.ami;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UniqueidTest {

  @Test
  void ordersBySequenceNumberNotByText() {
    assertThat("1795485071.9".compareTo("1795485071.10")).isPositive();
    assertThat(Uniqueid.older("1795485071.9", "1795485071.10")).isTrue();
    assertThat(Uniqueid.older("1795485072.1", "1795485071.10")).isFalse();
  }

  @Test
  void keepsTheSystemNamePrefix() {
    assertThat(Uniqueid.parse("pbx-a-1795485071.12"))
        .isEqualTo(new Uniqueid("pbx-a", 1795485071, 12));
    assertThat(Uniqueid.parse("garbage").epoch()).isEqualTo(-1);
  }
}
