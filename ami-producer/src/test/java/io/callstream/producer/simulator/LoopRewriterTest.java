package io.callstream.producer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.AmiHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopRewriterTest {

  private static final List<AmiHeader> HEADERS = List.of(
      new AmiHeader("Event", "DialBegin"),
      new AmiHeader("Privilege", "call,all"),
      new AmiHeader("Timestamp", "1795485256.012345"),
      new AmiHeader("Channel", "PJSIP/trunk-0000002e"),
      new AmiHeader("Uniqueid", "1795485256.58"),
      new AmiHeader("Linkedid", "1795485256.58"),
      new AmiHeader("DestChannel", "Local/101@from-queue-00000008;1"),
      new AmiHeader("DestUniqueid", "1795485257.61"),
      new AmiHeader("DialString", "101"));

  private static ScriptFrame frame() {
    StringBuilder sb = new StringBuilder();
    HEADERS.forEach(h -> sb.append(h.getName()).append(": ").append(h.getValue()).append("\r\n"));
    byte[] bytes = sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    return new ScriptFrame(1795485256012345L, HEADERS, bytes, LoopRewriter.template(HEADERS));
  }

  @Test
  void shouldSendTheCapturedBytesUnchangedInGenerationZero() {
    ScriptFrame original = frame();
    assertThat(new LoopRewriter(0).rewrite(original, 0)).isSameAs(original);
  }

  @Test
  void shouldMoveIdsChannelNumbersAndTimestampsInLaterGenerations() {
    ScriptFrame rewritten = new LoopRewriter(2).rewrite(frame(), 3_500_000);
    String text = new String(rewritten.bytes(), StandardCharsets.UTF_8);
    assertThat(text).isEqualTo("Event: DialBegin\r\nPrivilege: call,all\r\n"
        + "Timestamp: 1795485259.512345\r\nChannel: PJSIP/trunk-0002002e\r\n"
        + "Uniqueid: 1795485256.200058\r\nLinkedid: 1795485256.200058\r\n"
        + "DestChannel: Local/101@from-queue-00020008;1\r\nDestUniqueid: 1795485257.200061\r\n"
        + "DialString: 101\r\n\r\n");
    assertThat(rewritten.pbxMicros()).isEqualTo(1795485259512345L);
    assertThat(rewritten.headers().get(4).getValue()).isEqualTo("1795485256.200058");
  }

  @Test
  void shouldMoveOnlyTheTimestampOfGenerationZeroWhenGivenAShift() {
    ScriptFrame rewritten = new LoopRewriter(0).rewrite(frame(), -250);
    String text = new String(rewritten.bytes(), StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(new String(frame().bytes(), StandardCharsets.UTF_8)
        .replace("Timestamp: 1795485256.012345", "Timestamp: 1795485256.012095"));
    assertThat(rewritten.pbxMicros()).isEqualTo(1795485256012095L);
  }

  @Test
  void shouldGiveEveryGenerationItsOwnBridgeIdsSoOverlappingLoopsStaySeparateCalls() {
    List<AmiHeader> headers = List.of(
        new AmiHeader("Event", "AttendedTransfer"),
        new AmiHeader("OrigBridgeUniqueid", "f31d349d-aca0-4d0f-9690-860cafe1038a"),
        new AmiHeader("SecondBridgeUniqueid", "8c247e6a-eaf9-47d2-a942-d7a22b63bda2"),
        new AmiHeader("DestType", "Bridge"));
    ScriptFrame frame = new ScriptFrame(0, headers, new byte[0], LoopRewriter.template(headers));

    List<AmiHeader> first = new LoopRewriter(1).rewrite(frame, 0).headers();
    List<AmiHeader> second = new LoopRewriter(2).rewrite(frame, 0).headers();

    assertThat(first.get(1).getValue()).startsWith("f31d349d-aca0-4d0f-9690-")
        .isNotEqualTo(headers.get(1).getValue()).isNotEqualTo(second.get(1).getValue())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(first.get(2).getValue()).isNotEqualTo(headers.get(2).getValue())
        .isNotEqualTo(first.get(1).getValue());
    assertThat(new LoopRewriter(1).rewrite(frame, 0).headers()).isEqualTo(first);
    assertThat(first.get(3).getValue()).isEqualTo("Bridge");
  }

  @Test
  void shouldPadMicroseconds() {
    assertThat(LoopRewriter.formatMicros(1_000_000_007L)).isEqualTo("1000.000007");
  }
}
