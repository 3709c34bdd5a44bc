package io.callstream.correlator.machine;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.Ami;
import io.callstream.correlator.ami.NoiseFilter;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.state.PbxState;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.ami.RecordedCalls;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: with any events lost (AMI is lossy), the state machine never fails, and once the
 * input ends and open calls are closed nothing is left in the state.
 */
class LostEventsRobustnessTest {

  static LongStream seeds() {
    return LongStream.range(1, 61);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void losingEventsNeverBreaksTheMachineNorLeavesStateBehind(long seed) {
    Random random = new Random(seed);
    String scenario = RecordedCalls.SCENARIOS.get(random.nextInt(RecordedCalls.SCENARIOS.size()));
    double loss = 0.05 + random.nextDouble() * 0.3;
    List<AmiEvent> events = Ami.session(scenario, "c1").stream().filter(NoiseFilter::isRelevant)
        .filter(e -> random.nextDouble() >= loss).toList();
    CallStateMachine machine = new CallStateMachine(CorrelatorConfig.defaults());
    PbxState state = PbxState.empty(Ami.PBX);
    for (AmiEvent e : events) {
      state = machine.apply(state, e).state();
    }
    Transition end = machine.closeAll(state, "end");
    assertThat(end.state().calls()).as(scenario).isEmpty();
    assertThat(end.state().channels()).as(scenario).isEmpty();
    assertThat(end.summaries()).allSatisfy(s -> assertThat(s.getCallId()).startsWith("pbx1/"));
  }
}
