package io.callstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.producer.metrics.PbxMetrics;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.AmiHeader;
import io.callstream.schemas.InvalidAmiFrame;
import io.callstream.schemas.InvalidFrameReason;
import io.callstream.schemas.ami.AmiFrame;
import io.callstream.schemas.ami.InvalidFrame;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SessionSequencerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T01:00:00Z"), ZoneOffset.UTC);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<String> losses = new ArrayList<>();

  private SessionSequencer sequencer(FrameHandoff handoff) {
    return new SessionSequencer("pbx1", "conn1", handoff, CLOCK,
        new PbxMetrics(registry, "pbx1", handoff::depth), losses::add);
  }

  private static AmiFrame event(String name) {
    return new AmiFrame(AmiFrameKind.EVENT, name, List.of(new AmiHeader("Event", name)), null, null, null);
  }

  private static List<SpecificRecord> drain(FrameHandoff handoff) throws InterruptedException {
    List<SpecificRecord> out = new ArrayList<>();
    for (SpecificRecord r = handoff.poll(Duration.ZERO); r != null; r = handoff.poll(Duration.ZERO)) {
      out.add(r);
    }
    return out;
  }

  @Test
  void shouldHoldFramesReadBeforeLoginAndNumberEverythingFromConnectedWithoutGaps() throws Exception {
    FrameHandoff handoff = new FrameHandoff(100);
    SessionSequencer s = sequencer(handoff);
    s.onFrame(new AmiFrame(AmiFrameKind.BANNER, null, List.of(), null, null, "Asterisk Call Manager/11.0.0"));
    assertThat(handoff.depth()).isZero();
    s.open("Asterisk Call Manager/11.0.0");
    s.onFrame(event("Newchannel"));
    s.marker(AmiFrameKind.RESYNC_BEGIN, "CoreShowChannels");
    s.onFrame(event("Hangup"));
    s.disconnected("bye");

    List<AmiEvent> records = drain(handoff).stream().map(AmiEvent.class::cast).toList();
    assertThat(records).extracting(AmiEvent::getKind).containsExactly(AmiFrameKind.CONNECTED,
        AmiFrameKind.BANNER, AmiFrameKind.EVENT, AmiFrameKind.RESYNC_BEGIN, AmiFrameKind.EVENT,
        AmiFrameKind.DISCONNECTED);
    assertThat(records).extracting(AmiEvent::getSequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(records).allMatch(r -> r.getConnectionId().equals("conn1") && r.getPbxId().equals("pbx1"));
    assertThat(records.get(5).getDroppedFrames()).isZero();
  }

  @Test
  void shouldCountEveryFrameAfterAFullHandoffAsDroppedAndAskOnceToEndTheSession() throws Exception {
    FrameHandoff handoff = new FrameHandoff(16);
    SessionSequencer s = sequencer(handoff);
    s.open("banner");
    for (int i = 0; i < 40; i++) {
      s.onFrame(event("VarSet"));
    }
    assertThat(losses).hasSize(1).first().asString().contains("hand-off to Kafka is full");
    assertThat(s.dropped()).isEqualTo(40 - 15);
    assertThat(registry.get(PbxMetrics.DROPPED_FRAMES).counter().count()).isEqualTo(25);

    List<SpecificRecord> published = drain(handoff);
    s.disconnected("the hand-off to Kafka is full");
    published.addAll(drain(handoff));
    List<AmiEvent> records = published.stream().map(AmiEvent.class::cast).toList();
    assertThat(records).extracting(AmiEvent::getSequence)
        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 17).boxed().toList());
    AmiEvent last = records.get(records.size() - 1);
    assertThat(last.getKind()).isEqualTo(AmiFrameKind.DISCONNECTED);
    assertThat(last.getDroppedFrames()).isEqualTo(25);
  }

  @Test
  void shouldPublishInvalidBytesWithoutUsingASequenceNumber() throws Exception {
    FrameHandoff handoff = new FrameHandoff(100);
    SessionSequencer s = sequencer(handoff);
    s.open("banner");
    s.onInvalid(new InvalidFrame(InvalidFrameReason.NO_COLON, "line 1 has no colon", new byte[] {'x', '\r', '\n'}, 3));
    s.onFrame(event("Newchannel"));
    List<SpecificRecord> records = drain(handoff);
    InvalidAmiFrame invalid = (InvalidAmiFrame) records.get(1);
    assertThat(invalid.getAfterSequence()).isZero();
    assertThat(invalid.getReason()).isEqualTo(InvalidFrameReason.NO_COLON);
    assertThat(invalid.getBytes().array()).containsExactly('x', '\r', '\n');
    assertThat(((AmiEvent) records.get(2)).getSequence()).isEqualTo(1);
    assertThat(registry.get(PbxMetrics.INVALID_FRAMES).counter().count()).isEqualTo(1);
  }

  @Test
  void shouldPublishNothingForASessionThatNeverLoggedIn() throws Exception {
    FrameHandoff handoff = new FrameHandoff(100);
    SessionSequencer s = sequencer(handoff);
    s.onFrame(event("Response"));
    s.disconnected("login rejected");
    assertThat(handoff.depth()).isZero();
  }
}
