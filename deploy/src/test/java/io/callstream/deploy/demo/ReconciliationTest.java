package io.callstream.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.sink.emulator.Ledger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

  @Test
  void shouldCountACallRegisteredAndFinishedOnceWithItsStatusAsCorrect() {
    Reconciliation r = Reconciliation.of(List.of(
        new EndedCall("pbx-1/1.0", "INBOUND", "ANSWERED", null),
        new EndedCall("pbx-1/2.0", "INTERNAL", "ANSWERED", null)),
        ledger(call("pbx-1/1.0", true, 1, "200", List.of())));

    assertThat(r.externalCalls()).isEqualTo(1);
    assertThat(r.allCorrect()).isTrue();
  }

  @Test
  void shouldReportMissingDuplicatedAndWrongCalls() {
    Reconciliation r = Reconciliation.of(List.of(
        new EndedCall("a", "INBOUND", "ANSWERED", null),
        new EndedCall("b", "INBOUND", "NO_ANSWER", null),
        new EndedCall("c", "OUTBOUND", "BUSY", null),
        new EndedCall("d", "INBOUND", "ANSWERED", null),
        new EndedCall("e", "INBOUND", "UNKNOWN", "no hangup seen within 14400 s of the last event")),
        ledger(call("b", true, 1, "200", List.of()), call("c", true, 1, "486", List.of()),
            call("c", true, 1, "486", List.of()), call("d", true, 1, "200", List.of(12)),
            call("e", true, 1, "304", List.of())));

    assertThat(r.missing()).containsExactly("a");
    assertThat(r.duplicated()).containsExactly("c");
    assertThat(r.wrong()).containsExactly("b: status 200 for a NO_ANSWER call, expected 304",
        "d: cards still open for users [12]");
    assertThat(r.unknown()).containsExactly("e: no hangup seen within 14400 s of the last event");
    assertThat(r.allCorrect()).isFalse();
    assertThat(r.line()).contains("1 of 5 external calls").contains("missing 1, duplicated 1, wrong 2; unknown outcome 1")
        .contains("missing [a]").contains("duplicated [c]");
  }

  private static Ledger ledger(Ledger.Call... calls) {
    return new Ledger(List.of(calls), Map.of(), 0, 0, 0, 0, List.of());
  }

  private static Ledger.Call call(String id, boolean finished, int registers, String status, List<Integer> open) {
    return new Ledger.Call("externalCall." + id, id, "app", 11, "79161234567", 2, "74951234567",
        "2026-11-24T04:51:11+03:00", registers, List.of(11), List.of(), open, finished, 11, 3, status,
        1, List.of(), 0, null);
  }
}
