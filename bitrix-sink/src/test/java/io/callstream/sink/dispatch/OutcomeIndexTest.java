package io.callstream.sink.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.OutcomeStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutcomeIndexTest {

  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private static BitrixOutcome outcome(String leg, BitrixCommandKind kind, OutcomeStatus status,
      String callId, Instant at) {
    return BitrixOutcome.newBuilder().setCommandId(leg + "/" + kind).setPortalId("main")
        .setCallId(leg).setLegId(leg).setKind(kind).setStatus(status).setBitrixCallId(callId)
        .setAttempts(1).setCompletedAt(at).build();
  }

  @Test
  void outcomesOlderThanTheWindowAreForgottenAndRecentOnesStillDeduplicate() {
    DedupWindow window = new DedupWindow(Duration.ofHours(72));
    Instant old = NOW.minus(Duration.ofHours(72)).minus(DedupWindow.MARGIN).minusSeconds(1);
    Instant recent = NOW.minus(Duration.ofHours(72)).minus(DedupWindow.MARGIN).plusSeconds(1);
    OutcomeIndex index = new OutcomeIndex();
    index.add(outcome("old", BitrixCommandKind.REGISTER, OutcomeStatus.APPLIED, "externalCall.o", old));
    index.add(outcome("old", BitrixCommandKind.FINISH, OutcomeStatus.APPLIED, null, old));
    index.add(outcome("dead", BitrixCommandKind.REGISTER, OutcomeStatus.DEAD_LETTERED, null, old));
    index.add(outcome("new", BitrixCommandKind.REGISTER, OutcomeStatus.APPLIED, "externalCall.n", recent));
    index.add(outcome("new", BitrixCommandKind.SHOW, OutcomeStatus.SKIPPED, null, recent));

    assertThat(index.forgetBefore(window.outcomesCutoff(NOW.toEpochMilli()))).isEqualTo(3);

    assertThat(index.done("old/REGISTER")).isFalse();
    assertThat(index.done("old/FINISH")).isFalse();
    assertThat(index.callId("old")).isEmpty();
    assertThat(index.legDead("dead")).isFalse();
    assertThat(index.done("new/REGISTER")).isTrue();
    assertThat(index.done("new/SHOW")).isTrue();
    assertThat(index.applied("new/SHOW")).isFalse();
    assertThat(index.callId("new")).contains("externalCall.n");
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void aCommandIsExpiredExactlyWhenItsOwnOutcomeCouldHaveBeenForgotten() {
    DedupWindow window = new DedupWindow(Duration.ofHours(72));
    long now = NOW.toEpochMilli();
    long writtenAtTheEdge = now - Duration.ofHours(72).toMillis();
    assertThat(window.expired(writtenAtTheEdge, now)).isFalse();
    assertThat(window.expired(writtenAtTheEdge - 1, now)).isTrue();
    // An outcome is completed after its command was written: a command young enough to be sent
    // still finds it, even with a day of clock difference or call length in between.
    assertThat(window.outcomesCutoff(now)).isEqualTo(writtenAtTheEdge - DedupWindow.MARGIN.toMillis());
  }
}
