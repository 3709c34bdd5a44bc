package io.callstream.schemas.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.InvalidFrameReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class AmiFrameReaderTest {

  static final List<String> SCENARIOS = RecordedCalls.SCENARIOS;

  @ParameterizedTest
  @FieldSource("SCENARIOS")
  void shouldRebuildEveryFixtureFrameByteForByte(String scenario) throws IOException {
    byte[] original = RecordedCalls.capture(scenario);
    AmiCapture.Session session = AmiCapture.session(new ByteArrayInputStream(original),
        scenario, "pbx-1", "c1", Instant.EPOCH);

    ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
    session.events().forEach(e -> rebuilt.writeBytes(AmiEvents.frameBytes(e)));

    assertThat(session.invalid()).isEmpty();
    assertThat(rebuilt.toByteArray()).isEqualTo(original);
    assertThat(session.events()).allSatisfy(e -> assertThat(e.getRawFrame())
        .as("fixtures are canonical CRLF UTF-8 and need no raw copy").isNull());
  }

  @ParameterizedTest
  @FieldSource("SCENARIOS")
  void shouldFindEveryEventTheTruthCounts(String scenario) throws IOException {
    AmiCapture.Session session = AmiCapture.session(
        new ByteArrayInputStream(RecordedCalls.capture(scenario)), scenario, "p", "c", Instant.EPOCH);
    String truth = RecordedCalls.truth(scenario);
    int expected = Integer.parseInt(truth.replaceAll("(?s).*\"event_count\": (\\d+),.*", "$1"));

    long events = session.events().stream().filter(e -> e.getKind() == AmiFrameKind.EVENT).count();

    assertThat(events).isEqualTo(expected);
    assertThat(session.events().get(1).getKind()).isEqualTo(AmiFrameKind.BANNER);
    assertThat(session.events()).extracting(AmiEvent::getSequence)
        .containsExactly(java.util.stream.LongStream.range(0, session.events().size()).boxed()
            .toArray(Long[]::new));
  }

  @Test
  void shouldReadTheBannerHeadersAndPbxTime() {
    Collected c = read("Asterisk Call Manager/11.0.0\r\nEvent: Hangup\r\nTimestamp: 1795485071.725893\r\n"
        + "Uniqueid: 1.0\r\nChanVariable: A=1\r\nChanVariable: A=1\r\nCallerIDName: O\\'Brien  \r\n\r\n");

    assertThat(c.frames).hasSize(2);
    assertThat(c.frames.get(0).banner()).isEqualTo("Asterisk Call Manager/11.0.0");
    AmiFrame event = c.frames.get(1);
    assertThat(event.kind()).isEqualTo(AmiFrameKind.EVENT);
    assertThat(event.eventName()).isEqualTo("Hangup");
    assertThat(event.pbxTimeMicros()).isEqualTo(1795485071725893L);
    assertThat(event.headers()).extracting(h -> h.getName() + "=" + h.getValue()).containsExactly(
        "Event=Hangup", "Timestamp=1795485071.725893", "Uniqueid=1.0", "ChanVariable=A=1",
        "ChanVariable=A=1", "CallerIDName=O\\'Brien  ");
    assertThat(event.rawFrame()).isNull();
  }

  @Test
  void shouldKeepRawBytesOfFramesThatAreNotCanonical() {
    byte[] latin1 = "Event: X\nName:v\nCallerIDName: Ren\u00e9\n\n".getBytes(StandardCharsets.ISO_8859_1);

    Collected c = read(1 << 16, latin1);

    assertThat(c.frames).hasSize(1);
    assertThat(c.frames.get(0).rawFrame()).isEqualTo(latin1);
    assertThat(c.frames.get(0).headers().get(1).getValue()).isEqualTo("v");
  }

  @Test
  void shouldSetAsideALineWithoutColonAndGoOn() {
    Collected c = read("Event: A\r\nthis is junk\r\n\r\nEvent: B\r\n\r\n");

    assertThat(c.invalid).singleElement().satisfies(i -> {
      assertThat(i.reason()).isEqualTo(InvalidFrameReason.NO_COLON);
      assertThat(i.detail()).contains("line 2").contains("this is junk");
    });
    assertThat(c.frames).extracting(AmiFrame::eventName).containsExactly("B");
  }

  @Test
  void shouldSetAsideOversizedFramesAndGoOn() {
    String big = "Event: Big\r\nData: " + "x".repeat(500) + "\r\n\r\n";

    Collected c = read(128, (big + "Event: Small\r\n\r\n").getBytes(StandardCharsets.UTF_8));

    assertThat(c.invalid).singleElement().satisfies(i -> {
      assertThat(i.reason()).isEqualTo(InvalidFrameReason.OVERSIZED);
      assertThat(i.bytes()).hasSize(128);
      assertThat(i.originalLength()).isEqualTo(big.length());
    });
    assertThat(c.frames).extracting(AmiFrame::eventName).containsExactly("Small");
  }

  @Test
  void shouldSetAsideBinaryJunk() {
    Collected c = read("Event: A\r\nX: \u0000\u0001\u0002\r\n\r\n");

    assertThat(c.invalid).singleElement().extracting(InvalidFrame::reason)
        .isEqualTo(InvalidFrameReason.BINARY);
  }

  @Test
  void shouldReportAFrameCutByTheEndOfTheConnection() {
    Collected c = read("Event: A\r\n\r\nEvent: B\r\nUniq");

    assertThat(c.frames).hasSize(1);
    assertThat(c.invalid).singleElement().satisfies(i -> {
      assertThat(i.reason()).isEqualTo(InvalidFrameReason.TRUNCATED);
      assertThat(new String(i.bytes())).isEqualTo("Event: B\r\nUniq");
    });
  }

  private static Collected read(String text) {
    return read(1 << 16, text.getBytes(StandardCharsets.UTF_8));
  }

  private static Collected read(int maxFrameBytes, byte[] bytes) {
    Collected c = new Collected();
    AmiFrameReader reader = new AmiFrameReader(maxFrameBytes, c);
    reader.feed(bytes, 0, bytes.length);
    reader.endOfStream();
    return c;
  }

  static final class Collected implements AmiFrameListener {
    final List<AmiFrame> frames = new ArrayList<>();
    final List<InvalidFrame> invalid = new ArrayList<>();

    @Override
    public void onFrame(AmiFrame frame) {
      frames.add(frame);
    }

    @Override
    public void onInvalid(InvalidFrame frame) {
      invalid.add(frame);
    }
  }
}
