package io.callstream.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.correlator.Ami;
import io.callstream.correlator.ClockSkew;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.replay.OfflineReplay;
import io.callstream.correlator.replay.ReplayResult;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.TimeSource;
import io.callstream.schemas.ami.RecordedCalls;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stream-time sweep on PBXs whose clock is hours off the producer's. Kafka stream time is
 * the producers' clock (record timestamps = receive times); each PBX's calls are timed by its
 * own clock, so the sweep must translate before it compares. Another PBX on the same task, whose
 * clock is right, keeps stream time moving, as a busy neighbour does in production.
 */
class PbxClockTopologyTest extends CorrelatorTopologyTestBase {

  private static final String NEIGHBOUR = "neighbour";
  private static final String TRUNK = "PJSIP/trunk-00000000";

  /** Records as the producer writes them: the record timestamp is the receive time. */
  private void pipe(List<AmiEvent> events) {
    for (AmiEvent e : events) {
      input.pipeInput(e.getPbxId(), e, e.getReceivedAt());
    }
  }

  /** Dialplan noise of the neighbour PBX at {@code at}: dropped, but it moves stream time. */
  private void neighbourTrafficAt(Instant at) {
    AmiEvent noise = AmiEvent.newBuilder(Ami.event("Newexten", 0, "Channel", "PJSIP/200-1"))
        .setPbxId(NEIGHBOUR).setReceivedAt(at).setPbxTime(at).build();
    input.pipeInput(NEIGHBOUR, noise, at);
  }

  static Stream<Arguments> capturesWithTheProducerAheadAndBehind() {
    return Stream.of("concurrent_mix", "queue_ringall_answered", "attended_transfer_refer")
        .flatMap(s -> Stream.of(Arguments.of(s, ClockSkew.FIVE_HOURS),
            Arguments.of(s, ClockSkew.FIVE_HOURS.negated())));
  }

  /**
   * The calls run while stream-time sweeps fire between their events (every second of stream
   * time here, so they fire inside these short recordings; the timeout stays 4 h), driven by the
   * PBX's own records and by the neighbour's traffic every 250 ms.
   */
  @ParameterizedTest(name = "{0}, producer clock {1} off the PBX's")
  @MethodSource("capturesWithTheProducerAheadAndBehind")
  void sweepsMidCallLeaveTheCallsOfAPbxHoursOffIntact(String scenario, Duration producerAhead)
      throws Exception {
    CorrelatorConfig config = CorrelatorConfig.fromMap(Map.of(
        CorrelatorConfig.SWEEP_INTERVAL_MS, "1000"));
    start(config);
    List<AmiEvent> pbx = ClockSkew.session(scenario, Ami.PBX, "c1", producerAhead);
    List<AmiEvent> records = new ArrayList<>(pbx);
    Instant from = pbx.get(0).getReceivedAt();
    Instant to = pbx.get(pbx.size() - 1).getReceivedAt();
    for (Instant at = from; !at.isAfter(to); at = at.plusMillis(250)) {
      records.add(AmiEvent.newBuilder(Ami.event("Newexten", 0, "Channel", "PJSIP/200-1"))
          .setPbxId(NEIGHBOUR).setReceivedAt(at).setPbxTime(at).build());
    }
    records.sort(Comparator.comparing(AmiEvent::getReceivedAt));
    pipe(records);

    List<CallSummary> calls = summaries.readValuesToList();
    JsonNode truth = new ObjectMapper().readTree(RecordedCalls.truth(scenario));
    assertThat(calls).hasSize(truth.get("calls").size());
    for (JsonNode call : truth.get("calls")) {
      String callId = Ami.PBX + "/" + call.get("external_uniqueid").asText();
      assertThat(calls).filteredOn(s -> s.getCallId().equals(callId)).singleElement()
          .satisfies(s -> assertThat(s.getDisposition().name())
              .isEqualTo(call.get("disposition").asText().replace(' ', '_')));
    }
    assertThat(calls).extracting(CallSummary::getDisposition).doesNotContain(Disposition.UNKNOWN);
    ReplayResult sameClock = new OfflineReplay(config).replayEvents(Ami.PBX,
        ClockSkew.session(scenario, Ami.PBX, "c1", Duration.ZERO));
    assertThat(calls).containsExactlyElementsOf(sameClock.summaries());
    assertThat(lifecycle.readValuesToList()).containsExactlyElementsOf(sameClock.lifecycle());
  }

  /**
   * A call whose hangup never arrives: the PBX goes silent after the answer, the neighbour's
   * traffic goes on. It is closed once 4 h have passed on the PBX's clock, not on the producer's.
   */
  @ParameterizedTest(name = "producer clock {0} h off the PBX's")
  @ValueSource(ints = {5, -5})
  void aCallSilentForLongerThanTheTimeoutOnThePbxClockIsClosed(int producerAheadHours) {
    start(CorrelatorConfig.defaults());
    List<AmiEvent> pbx = ClockSkew.session("inbound_answered", Ami.PBX, "c1",
        Duration.ofHours(producerAheadHours));
    int answered = Ami.indexOf(pbx, "BridgeEnter", "Channel", TRUNK);
    AmiEvent lastHeard = pbx.get(answered);
    pipe(pbx.subList(0, answered + 1));

    neighbourTrafficAt(lastHeard.getReceivedAt().plus(Duration.ofHours(4).minusMinutes(2)));
    assertThat(summaries.isEmpty()).as("3 h 58 min of silence on the PBX's clock").isTrue();

    neighbourTrafficAt(lastHeard.getReceivedAt().plus(Duration.ofHours(4).plusMinutes(2)));
    assertThat(summaries.readValuesToList()).singleElement().satisfies(s -> {
      assertThat(s.getDisposition()).isEqualTo(Disposition.UNKNOWN);
      assertThat(s.getDispositionReason()).contains("no hangup seen within 14400 s");
      assertThat(s.getAnsweredBy()).isEqualTo("101");
      assertThat(s.getTimeSource()).isEqualTo(TimeSource.PBX);
      assertThat(s.getEndedAt()).isEqualTo(lastHeard.getPbxTime().truncatedTo(ChronoUnit.MILLIS));
    });
    assertThat(lifecycle.readValuesToList()).last()
        .satisfies(e -> assertThat(e.getType()).isEqualTo(CallEventType.ENDED));
  }

  /** A PBX with {@code timestampevents=no}: its receive clock is its clock, as before. */
  @Test
  void aPbxWithoutTimestampsStillTimesOutASilentCall() {
    start(CorrelatorConfig.defaults());
    List<AmiEvent> pbx = ClockSkew.withoutTimestamps(
        ClockSkew.session("inbound_answered", Ami.PBX, "c1", ClockSkew.FIVE_HOURS));
    int answered = Ami.indexOf(pbx, "BridgeEnter", "Channel", TRUNK);
    Instant lastHeard = pbx.get(answered).getReceivedAt();
    pipe(pbx.subList(0, answered + 1));

    neighbourTrafficAt(lastHeard.plus(Duration.ofHours(4).minusMinutes(2)));
    assertThat(summaries.isEmpty()).isTrue();

    neighbourTrafficAt(lastHeard.plus(Duration.ofHours(4).plusMinutes(2)));
    assertThat(summaries.readValuesToList()).singleElement().satisfies(s -> {
      assertThat(s.getDisposition()).isEqualTo(Disposition.UNKNOWN);
      assertThat(s.getDispositionReason()).contains("no hangup seen within 14400 s");
      assertThat(s.getTimeSource()).isEqualTo(TimeSource.RECEIVED);
      assertThat(s.getEndedAt()).isEqualTo(lastHeard.truncatedTo(ChronoUnit.MILLIS));
    });
  }
}
