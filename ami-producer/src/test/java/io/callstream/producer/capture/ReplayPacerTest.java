package io.callstream.producer.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayPacerTest {

  @Test
  void shouldDivideThePbxTimeGapsByTheSpeed() {
    ReplayPacer pacer = new ReplayPacer(2);
    assertThat(pacer.dueAfterStart(10_000_000)).isEqualTo(Duration.ZERO);
    assertThat(pacer.dueAfterStart(11_000_000)).isEqualTo(Duration.ofMillis(500));
    assertThat(pacer.dueAfterStart(14_000_000)).isEqualTo(Duration.ofMillis(2000));
  }

  @Test
  void shouldNeverWaitAtSpeedZeroOrForFramesThatGoBackInTime() {
    assertThat(new ReplayPacer(0).dueAfterStart(99_000_000)).isEqualTo(Duration.ZERO);
    ReplayPacer pacer = new ReplayPacer(1);
    pacer.dueAfterStart(10_000_000);
    assertThat(pacer.dueAfterStart(9_000_000)).isEqualTo(Duration.ZERO);
  }

  @Test
  void shouldRefuseANegativeSpeed() {
    assertThatThrownBy(() -> new ReplayPacer(-1)).hasMessageContaining("speed must be >= 0");
  }
}
