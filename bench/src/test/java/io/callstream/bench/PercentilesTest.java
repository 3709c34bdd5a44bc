package io.callstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void shouldUseNearestRank() {
    Percentiles p = new Percentiles(IntStream.rangeClosed(1, 100).boxed().toList());

    assertThat(p.at(50)).isEqualTo(50.0);
    assertThat(p.at(95)).isEqualTo(95.0);
    assertThat(p.at(99)).isEqualTo(99.0);
    assertThat(p.at(100)).isEqualTo(100.0);
  }

  @Test
  void shouldGiveTheOnlyValueForOneSampleAndIgnoreInputOrder() {
    assertThat(new Percentiles(List.of(7.0)).at(99)).isEqualTo(7.0);
    assertThat(new Percentiles(List.of(30, 10, 20)).at(50)).isEqualTo(20.0);
  }

  @Test
  void shouldRefuseEmptySamplesAndPercentilesOutOfRange() {
    assertThatThrownBy(() -> new Percentiles(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Percentiles(List.of(1)).at(0)).hasMessageContaining("(0, 100]");
  }
}
