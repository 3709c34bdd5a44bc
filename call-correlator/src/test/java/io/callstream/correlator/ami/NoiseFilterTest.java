package io.callstream.correlator.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.Ami;
import io.callstream.correlator.machine.CallStateMachine;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.ami.RecordedCalls;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NoiseFilterTest {

  @Test
  void keepsEveryEventTheStateMachineHandles() {
    for (String name : CallStateMachine.handledEvents()) {
      if (!name.equals("varset")) {
        AmiEvent e = Ami.event(name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1),
            0, "Uniqueid", "1.1");
        assertThat(NoiseFilter.isRelevant(e)).as(name).isTrue();
      }
    }
  }

  @Test
  void keepsOnlyTheModelsVariables() {
    assertThat(NoiseFilter.isRelevant(Ami.event("VarSet", 0, "Variable", "__FROM_DID",
        "Value", "1"))).isTrue();
    assertThat(NoiseFilter.isRelevant(Ami.event("VarSet", 0, "Variable", "MACRO_DEPTH",
        "Value", "1"))).isFalse();
    assertThat(NoiseFilter.isRelevant(Ami.event("Newexten", 0, "Application", "Dial")))
        .isFalse();
  }

  @Test
  void dropsAlmostAllOfTheRecordedTraffic() {
    long total = 0;
    long kept = 0;
    for (String scenario : RecordedCalls.SCENARIOS) {
      List<AmiEvent> events = Ami.session(scenario, "c1");
      total += events.size();
      kept += events.stream().filter(NoiseFilter::isRelevant).count();
    }
    assertThat((double) kept / total).isLessThan(0.10);
  }

  @Test
  void readVariableCheckAgreesWithTheBareName() {
    for (String variable : List.of("FROM_DID", "__FROM_DID", "_FROM_DID ", " FROM_DID",
        "FROM_DIDX", "FROM_DI", "__", "", "MIXMONITOR_FILENAME", "__CALLSTREAM_CRM_CALL_ID",
        "DIALSTATUS", "_AMPUSER\t", "NODEST", "dial_number")) {
      assertThat(NoiseFilter.isReadVariable(variable)).as(variable)
          .isEqualTo(NoiseFilter.VARIABLES.contains(NoiseFilter.bareName(variable)));
    }
  }

  @Test
  void eventNamesMatchInAnyCase() {
    for (String name : List.of("DialBegin", "DIALBEGIN", "dialbegin")) {
      assertThat(NoiseFilter.EVENTS.contains(name)).as(name).isTrue();
    }
    assertThat(NoiseFilter.EVENTS.contains("Newexten")).isFalse();
  }
}
