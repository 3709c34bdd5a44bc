package io.callstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Simulated PBXs play the same scenarios, each starting at a different one. */
class SimulatedPbxsTest {

  private static final List<String> SCENARIOS = List.of("a", "b", "c", "d", "e", "f", "g", "h");

  @Test
  void shouldStartEachPbxAtADifferentScenarioAndPlayThemAll() {
    assertThat(SimulatedPbxs.rotated(SCENARIOS, 0, 4)).isEqualTo(SCENARIOS);
    assertThat(SimulatedPbxs.rotated(SCENARIOS, 1, 4)).containsExactly("c", "d", "e", "f", "g", "h", "a", "b");
    assertThat(SimulatedPbxs.rotated(SCENARIOS, 3, 4)).containsExactly("g", "h", "a", "b", "c", "d", "e", "f");
  }

  @Test
  void shouldLeaveASingleScenarioAlone() {
    assertThat(SimulatedPbxs.rotated(List.of("inbound_answered"), 7, 10)).containsExactly("inbound_answered");
  }
}
