package io.callstream.producer.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.callstream.schemas.AmiHeader;
import io.callstream.schemas.ami.AmiTimestamps;
import io.callstream.schemas.ami.RecordedCalls;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a stream stamps its frames: on a true clock in fast-forward, with the capture's spacing otherwise. */
class StreamCursorTest {

  private static final long CLOCK_START = Instant.parse("2026-12-01T09:30:00Z").toEpochMilli() * 1000;
  private static final long GAP_BETWEEN_PASSES = 1_000_000;
  private static final long MILLISECOND = 1_000;

  /** A frame as the stream sent it, with the timeline position it was due at. */
  private record Sent(long dueMicros, ScriptFrame frame) {
    long stamp() {
      return frame.pbxMicros();
    }
  }

  private static SimulatorConfig config(List<String> scenarios, double speed, int loops, int streams) {
    return SimulatorConfig.ofScenarios("crm", "secret", scenarios).withSpeed(speed).withLoops(loops, streams);
  }

  private static List<CaptureScript> scripts(SimulatorConfig config) {
    return config.captures().entrySet().stream().map(e -> CaptureScript.parse(e.getKey(), e.getValue())).toList();
  }

  /** Everything stream {@code index} sends, as the simulator would start it. */
  private static List<Sent> replay(SimulatorConfig config, int index) {
    List<CaptureScript> scripts = scripts(config);
    long offset = scripts.stream().mapToLong(CaptureScript::spanMicros).sum() / config.concurrentCalls();
    StreamCursor cursor = new StreamCursor(index, scripts, config, offset, CLOCK_START);
    List<Sent> sent = new ArrayList<>();
    while (cursor.hasNext()) {
      long due = cursor.dueMicros();
      sent.add(new Sent(due, cursor.next()));
    }
    return sent;
  }

  private static Long timestampHeader(ScriptFrame frame) {
    for (AmiHeader h : frame.headers()) {
      if (h.getName().equals("Timestamp")) {
        return AmiTimestamps.toMicros(h.getValue());
      }
    }
    return null;
  }

  @Test
  void shouldStampTheFirstFrameAtTheClockAndDivideTheCapturedGapsByTheSpeed() {
    SimulatorConfig config = config(List.of("inbound_answered"), 4, 1, 1).withTimesFromClock();
    List<ScriptFrame> captured = scripts(config).get(0).frames();

    List<Sent> sent = replay(config, 0);

    assertThat(sent).hasSameSizeAs(captured);
    assertThat(sent.get(0).stamp()).isEqualTo(CLOCK_START);
    for (int i = 1; i < sent.size(); i++) {
      long capturedGap = captured.get(i).pbxMicros() - captured.get(i - 1).pbxMicros();
      assertThat(sent.get(i).stamp() - sent.get(i - 1).stamp()).isCloseTo(capturedGap / 4, within(MILLISECOND));
    }
  }

  @Test
  void shouldStampEveryFrameWhenItIsDueSoTheSimulatedClockKeepsRealTime() {
    SimulatorConfig config = config(List.of("inbound_answered"), 4, 3, 1).withTimesFromClock();

    for (Sent s : replay(config, 0)) {
      assertThat(s.stamp()).isCloseTo(CLOCK_START + s.dueMicros() / 4, within(1L));
    }
  }

  @Test
  void shouldStampALaterPassWhereItIsSentNotSpeedTimesLater() {
    SimulatorConfig config = config(List.of("inbound_answered"), 4, 2, 1).withTimesFromClock();
    CaptureScript capture = scripts(config).get(0);
    int perPass = capture.frames().size();

    List<Sent> sent = replay(config, 0);

    // The second pass is sent a capture span and a 1 s pause after the first began, ÷ 4.
    long secondPassSent = (capture.spanMicros() + GAP_BETWEEN_PASSES) / 4;
    assertThat(sent.get(perPass).stamp()).isCloseTo(CLOCK_START + secondPassSent, within(MILLISECOND));
    assertThat(sent.get(sent.size() - 1).stamp())
        .isCloseTo(CLOCK_START + (2 * capture.spanMicros() + GAP_BETWEEN_PASSES) / 4, within(MILLISECOND));
  }

  @Test
  void shouldStampConcurrentStreamsAtTheClockTooSinceTheyAreSentTogether() {
    SimulatorConfig config = config(List.of("inbound_answered"), 4, 1, 3).withTimesFromClock();

    for (int stream = 0; stream < 3; stream++) {
      assertThat(replay(config, stream).get(0).stamp()).isEqualTo(CLOCK_START);
    }
  }

  @Test
  void shouldMoveTheTimestampHeaderAndTheFrameTimeTogether() {
    SimulatorConfig config = config(RecordedCalls.SCENARIOS, 4, 1, 2).withTimesFromClock();

    List<Sent> sent = replay(config, 1);

    List<Sent> stamped = sent.stream().filter(s -> timestampHeader(s.frame()) != null).toList();
    assertThat(stamped).hasSizeGreaterThan(1000);
    List<Sent> apart = stamped.stream().filter(s -> timestampHeader(s.frame()).longValue() != s.stamp()
        || !new String(s.frame().bytes(), StandardCharsets.UTF_8)
            .contains("Timestamp: " + LoopRewriter.formatMicros(s.stamp()) + "\r\n")).toList();
    assertThat(apart).isEmpty();
  }

  @Test
  void shouldNeverStampBackwardsWhileTheTimelineMovesForward() {
    SimulatorConfig config = config(RecordedCalls.SCENARIOS, 4, 1, 2).withTimesFromClock();

    List<Sent> sent = replay(config, 1);

    // One capture steps back by 0.8 ms (Asterisk stamps on several threads); that step is kept.
    List<Integer> backwards = new ArrayList<>();
    for (int i = 1; i < sent.size(); i++) {
      if (sent.get(i).dueMicros() >= sent.get(i - 1).dueMicros()
          && sent.get(i).stamp() < sent.get(i - 1).stamp()) {
        backwards.add(i);
      }
    }
    assertThat(sent).hasSizeGreaterThan(1000);
    assertThat(backwards).isEmpty();
  }

  @Test
  void shouldKeepTheCaptureSpacingAtSpeedZeroWhichHasNoRealTime() {
    SimulatorConfig config = config(List.of("inbound_answered"), 0, 1, 1).withTimesFromClock();
    List<ScriptFrame> captured = scripts(config).get(0).frames();

    List<Sent> sent = replay(config, 0);

    long rebase = CLOCK_START - captured.get(0).pbxMicros();
    for (int i = 0; i < sent.size(); i++) {
      assertThat(sent.get(i).stamp()).isEqualTo(captured.get(i).pbxMicros() + rebase);
    }
  }

  @Test
  void shouldSendTheCapturedFramesThemselvesWhenTheirTimesAreKept() {
    SimulatorConfig config = config(List.of("inbound_answered"), 4, 1, 1);
    List<ScriptFrame> captured = scripts(config).get(0).frames();

    List<Sent> sent = replay(config, 0);

    for (int i = 0; i < sent.size(); i++) {
      assertThat(sent.get(i).frame().bytes()).isEqualTo(captured.get(i).bytes());
    }
  }

  @Test
  void shouldStartConcurrentStreamsAtDifferentCapturesAndPlayEachOncePerPass() {
    SimulatorConfig config = config(List.of("inbound_answered", "outbound_busy"), 4, 2, 2);
    List<CaptureScript> scripts = scripts(config);
    List<String> first = events(scripts.get(0).frames());
    List<String> second = events(scripts.get(1).frames());

    List<String> stream0 = events(replay(config, 0).stream().map(Sent::frame).toList());
    List<String> stream1 = events(replay(config, 1).stream().map(Sent::frame).toList());

    assertThat(stream0).isEqualTo(concat(first, second, first, second));
    assertThat(stream1).as("the other stream starts at the other capture")
        .isEqualTo(concat(second, first, second, first));
  }

  private static List<String> events(List<ScriptFrame> frames) {
    return frames.stream().map(f -> f.headers().get(0).getName() + ": " + f.headers().get(0).getValue())
        .toList();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> p : parts) {
      all.addAll(p);
    }
    return all;
  }
}
