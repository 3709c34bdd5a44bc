package io.callstream.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.Direction;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.OutcomeStatus;
import io.callstream.schemas.TimeSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallBoardTest {

  private static final Instant T0 = Instant.parse("2026-11-24T01:51:11.725Z");
  private final List<String> lines = new ArrayList<>();
  private final CallBoard board = new CallBoard(Clock.fixed(T0, ZoneOffset.UTC), lines::add, () -> 7);

  @Test
  void shouldShowARingingCallAsActive() {
    board.onLifecycle(event(0, CallEventType.STARTED, null));
    board.onLifecycle(event(1, CallEventType.RINGING, "101"));

    BoardSnapshot s = board.snapshot();

    assertThat(s.activeCalls()).isEqualTo(1);
    assertThat(s.active().get(0).state()).isEqualTo("ringing");
    assertThat(s.active().get(0).rang()).containsExactly("101");
    assertThat(lines).isEmpty();
  }

  @Test
  void shouldMoveAnEndedCallToRecentAndPrintOneLine() {
    board.onLifecycle(event(0, CallEventType.STARTED, null));
    board.onLifecycle(event(1, CallEventType.ANSWERED, "101"));
    board.onLifecycle(ended());

    BoardSnapshot s = board.snapshot();

    assertThat(s.activeCalls()).isZero();
    assertThat(s.endedCalls()).isEqualTo(1);
    assertThat(s.recent()).singleElement().satisfies(c -> {
      assertThat(c.disposition()).isEqualTo("ANSWERED");
      assertThat(c.extension()).isEqualTo("101");
      assertThat(c.talkSeconds()).isEqualTo(3.0);
      assertThat(c.lifecycle()).hasSize(3);
    });
    assertThat(lines).singleElement().asString()
        .contains("pbx-1/1.0").contains("INBOUND").contains("79161234567 -> 101").contains("ANSWERED");
  }

  @Test
  void shouldAttachBitrixOutcomesToTheCallAndCountCommands() {
    board.onLifecycle(event(0, CallEventType.STARTED, null));
    board.onLifecycle(ended());
    board.onOutcome(outcome(BitrixCommandKind.REGISTER, OutcomeStatus.APPLIED, 1));
    board.onOutcome(outcome(BitrixCommandKind.FINISH, OutcomeStatus.APPLIED, 2));

    BoardSnapshot s = board.snapshot();

    assertThat(s.bitrixCommands()).isEqualTo(2);
    assertThat(s.bitrixCommandsPerSecond()).isEqualTo(0.2);
    assertThat(s.bitrixRequests()).isEqualTo(7);
    assertThat(board.endedCalls()).containsExactly(new EndedCall("pbx-1/1.0", "INBOUND", "ANSWERED", null));
    assertThat(s.recent().get(0).crm()).containsExactly(
        "REGISTER APPLIED externalCall.1", "FINISH APPLIED externalCall.1");
    assertThat(lines).last().asString().contains("CRM").contains("FINISH APPLIED");
  }

  @Test
  void shouldDropACallThatWasMergedIntoAnother() {
    board.onLifecycle(event(0, CallEventType.STARTED, null));
    board.onLifecycle(CallEvent.newBuilder(event(1, CallEventType.ENDED, null))
        .setReason("merged into pbx-1/0.9").build());

    assertThat(board.snapshot().active()).isEmpty();
    assertThat(board.snapshot().recent()).isEmpty();
    assertThat(board.endedCalls()).isEmpty();
    assertThat(lines).isEmpty();
  }

  @Test
  void shouldCountRawEventsAndTheirRate() {
    board.onRawEvents(100);
    board.onRawEvents(50);

    assertThat(board.snapshot().rawEvents()).isEqualTo(150);
    assertThat(board.snapshot().rawEventsPerSecond()).isEqualTo(15.0);
  }

  private static CallEvent event(int seq, CallEventType type, String extension) {
    return CallEvent.newBuilder().setCallId("pbx-1/1.0").setPbxId("pbx-1").setSequence(seq)
        .setType(type).setAt(T0.plusSeconds(seq)).setTimeSource(TimeSource.PBX)
        .setDirection(Direction.INBOUND).setExternalNumber("79161234567").setLine("74951234567")
        .setExtension(extension).build();
  }

  private static CallEvent ended() {
    return CallEvent.newBuilder(event(9, CallEventType.ENDED, null))
        .setDisposition(Disposition.ANSWERED).setTalkMillis(3000L).setTotalMillis(6000L)
        .setFinalExtension("101").build();
  }

  private static BitrixOutcome outcome(BitrixCommandKind kind, OutcomeStatus status, int attempts) {
    return BitrixOutcome.newBuilder().setCommandId(kind.name()).setPortalId("p").setCallId("pbx-1/1.0")
        .setLegId("pbx-1/1.0").setKind(kind).setStatus(status).setBitrixCallId("externalCall.1")
        .setAttempts(attempts).setCompletedAt(T0).build();
  }
}
