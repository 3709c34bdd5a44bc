package io.callstream.correlator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.correlator.ami.NoiseFilter;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.machine.CallStateMachine;
import io.callstream.correlator.machine.Transition;
import io.callstream.correlator.replay.OfflineReplay;
import io.callstream.correlator.replay.ReplayResult;
import io.callstream.correlator.state.PbxState;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.TimeSource;
import io.callstream.schemas.ami.RecordedCalls;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A PBX whose clock is hours off the producer's (an appliance whose clock reset after a power
 * cut, the demo's simulator replaying captures recorded hours ago). Its calls are timed by its own
 * clock; the producer's markers and the resync snapshot only have the producer's receive time.
 * With a call timeout of 4 h and a clock 5 h off, any mix of the two clocks would close live
 * calls as UNKNOWN or date them 5 h wrong.
 *
 * <p>The state machine here sweeps after every record (sweep interval 1 ms; timeout still 4 h),
 * so a stream time that jumps onto the wrong clock shows at once, not only after a minute.
 */
class PbxClockSkewTest {

  private static final CorrelatorConfig SWEEP_EVERY_RECORD = CorrelatorConfig.fromMap(Map.of(
      CorrelatorConfig.SWEEP_INTERVAL_MS, "1"));

  static Stream<Arguments> scenariosWithTheProducerAheadAndBehind() {
    return RecordedCalls.SCENARIOS.stream().flatMap(s -> Stream.of(
        Arguments.of(s, ClockSkew.FIVE_HOURS), Arguments.of(s, ClockSkew.FIVE_HOURS.negated())));
  }

  /**
   * CONNECTED when the producer logs in, the recorded calls, and in the middle of them the AMI
   * connection drops and comes back with a resync that still lists every live channel.
   */
  @ParameterizedTest(name = "{0}, producer clock {1} off the PBX's")
  @MethodSource("scenariosWithTheProducerAheadAndBehind")
  void everyCallEndsAsInItsTruthThroughAReconnectWhenThePbxClockIsHoursOff(String scenario,
      Duration producerAhead) throws Exception {
    List<AmiEvent> skewed = ClockSkew.session(scenario, Ami.PBX, "c1", producerAhead);
    int cut = midCall(skewed);
    assertThat(ClockSkew.liveChannels(skewed, cut)).as("channels alive at the reconnect")
        .isNotEmpty();

    ReplayResult result = new OfflineReplay(SWEEP_EVERY_RECORD)
        .replayEvents(Ami.PBX, ClockSkew.reconnectBefore(skewed, cut, "c2"));

    assertThat(result.summaries()).extracting(CallSummary::getDisposition)
        .doesNotContain(Disposition.UNKNOWN);
    checkAgainstTruth(scenario, result);
    List<AmiEvent> sameClock = ClockSkew.session(scenario, Ami.PBX, "c1", Duration.ZERO);
    ReplayResult reference = new OfflineReplay(SWEEP_EVERY_RECORD)
        .replayEvents(Ami.PBX, ClockSkew.reconnectBefore(sameClock, cut, "c2"));
    assertThat(result.lifecycle()).as("lifecycle as if both clocks agreed")
        .containsExactlyElementsOf(reference.lifecycle());
    assertThat(result.summaries()).containsExactlyElementsOf(reference.summaries());
  }

  /**
   * The correlator first hears of this PBX while its calls are in progress: CONNECTED and the
   * resync snapshot (receive time only, no Timestamp) come before any event that carries the
   * PBX's clock. What the snapshot made is moved onto the PBX's clock as soon as the first
   * Timestamp arrives: the calls end on time, with the right durations. Only the records emitted
   * by the snapshot itself (the adopted calls' STARTED), before any PBX time was known, carry the
   * receive clock.
   */
  @ParameterizedTest(name = "{0}, producer clock {1} off the PBX's")
  @MethodSource("scenariosWithTheProducerAheadAndBehind")
  void callsAdoptedBeforeThePbxClockIsKnownAreTimedOnItOnceItIs(String scenario,
      Duration producerAhead) throws Exception {
    List<AmiEvent> skewed = ClockSkew.session(scenario, Ami.PBX, "c1", producerAhead);
    int cut = midCall(skewed);
    List<AmiEvent> joined = ClockSkew.joinedAt(skewed, cut, "c1");

    ReplayResult result = new OfflineReplay(SWEEP_EVERY_RECORD).replayEvents(Ami.PBX, joined);

    assertThat(result.summaries()).anySatisfy(s -> assertThat(s.getJoinedLate()).isTrue());
    assertThat(result.summaries()).allSatisfy(s -> {
      assertThat(s.getDisposition()).as(s.getCallId()).isNotEqualTo(Disposition.UNKNOWN);
      assertThat(s.getTotalMillis()).as(s.getCallId() + " total").isBetween(0L, 60_000L);
      assertThat(s.getTalkMillis()).as(s.getCallId() + " talk").isBetween(0L, 60_000L);
    });
    JsonNode truth = RecordedCallsTruthTest.JSON.readTree(RecordedCalls.truth(scenario));
    for (JsonNode call : truth.get("calls")) {
      CallSummary s = summaryOf(result, call);
      if (s != null) {
        JsonNode times = call.get("timestamps");
        assertThat(s.getEndedAt().toEpochMilli()).as(s.getCallId() + " end")
            .isCloseTo(epochMillis(times.get("end")), Offset.offset(1000L));
        assertThat(s.getStartedAt().toEpochMilli()).as(s.getCallId() + " start (snapshot time "
            + "minus the channel's whole-second age)")
            .isCloseTo(epochMillis(times.get("call_start")), Offset.offset(1000L));
      }
    }
    List<AmiEvent> sameClock = ClockSkew.session(scenario, Ami.PBX, "c1", Duration.ZERO);
    ReplayResult reference = new OfflineReplay(SWEEP_EVERY_RECORD)
        .replayEvents(Ami.PBX, ClockSkew.joinedAt(sameClock, cut, "c1"));
    assertThat(result.summaries()).containsExactlyElementsOf(reference.summaries());
    int bySnapshot = emittedBy(joined.subList(0, Ami.indexOfKind(joined, AmiFrameKind.RESYNC_END)
        + 1));
    assertThat(result.lifecycle().subList(bySnapshot, result.lifecycle().size()))
        .as("lifecycle after the first Timestamp, as if both clocks agreed")
        .containsExactlyElementsOf(
            reference.lifecycle().subList(bySnapshot, reference.lifecycle().size()));
    for (int i = 0; i < bySnapshot; i++) {
      CallEvent expected = reference.lifecycle().get(i);
      assertThat(result.lifecycle().get(i)).as("emitted by the snapshot, on the receive clock")
          .isEqualTo(CallEvent.newBuilder(expected).setAt(expected.getAt().plus(producerAhead))
              .build());
    }
  }

  @Test
  void aPbxWithoutTimestampsTimesItsCallsByTheReceiveClockAndTimesOutASilentOne() {
    List<AmiEvent> events = ClockSkew.withoutTimestamps(
        ClockSkew.session("inbound_answered", Ami.PBX, "c1", ClockSkew.FIVE_HOURS));
    int answered = Ami.indexOf(events, "BridgeEnter", "Channel", "PJSIP/trunk-00000000");
    Instant lastHeard = events.get(answered).getReceivedAt();
    List<AmiEvent> silent = new ArrayList<>(events.subList(0, answered + 1));

    List<AmiEvent> nearlyFourHours = new ArrayList<>(silent);
    nearlyFourHours.add(newCallAt(lastHeard.plus(Duration.ofHours(4).minusMinutes(1))));
    assertThat(new CallStateMachineRun(nearlyFourHours).summaries).isEmpty();

    List<AmiEvent> overFourHours = new ArrayList<>(silent);
    overFourHours.add(newCallAt(lastHeard.plus(Duration.ofHours(4).plusMinutes(1))));
    assertThat(new CallStateMachineRun(overFourHours).summaries).singleElement().satisfies(s -> {
      assertThat(s.getDisposition()).isEqualTo(Disposition.UNKNOWN);
      assertThat(s.getDispositionReason()).contains("no hangup seen within 14400 s");
      assertThat(s.getTimeSource()).isEqualTo(TimeSource.RECEIVED);
      assertThat(s.getEndedAt()).isEqualTo(lastHeard.truncatedTo(ChronoUnit.MILLIS));
      assertThat(s.getAnsweredBy()).isEqualTo("101");
    });
  }

  /** The first record in the second half of the session at which a call is in progress. */
  private static int midCall(List<AmiEvent> events) {
    for (int i = events.size() / 2; i < events.size(); i++) {
      if (events.get(i).getKind() == AmiFrameKind.EVENT
          && !ClockSkew.liveChannels(events, i).isEmpty()) {
        return i;
      }
    }
    throw new IllegalArgumentException("no call in progress in the second half");
  }

  private static void checkAgainstTruth(String scenario, ReplayResult result) throws Exception {
    JsonNode truth = RecordedCallsTruthTest.JSON.readTree(RecordedCalls.truth(scenario));
    assertThat(result.summaries()).as("one summary per call").hasSize(truth.get("calls").size());
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode call : truth.get("calls")) {
      CallSummary s = summaryOf(result, call);
      soft.assertThat(s).as("summary of %s", call.get("external_uniqueid")).isNotNull();
      if (s != null) {
        RecordedCallsTruthTest.check(soft, scenario + "/" + s.getCallId(), call, s);
      }
    }
    soft.assertAll();
  }

  private static CallSummary summaryOf(ReplayResult result, JsonNode truthCall) {
    String callId = Ami.PBX + "/" + truthCall.get("external_uniqueid").asText();
    return result.summaries().stream().filter(s -> s.getCallId().equals(callId)).findFirst()
        .orElse(null);
  }

  /** An extension picking up its phone, heard at {@code at} (no Timestamp). */
  private static AmiEvent newCallAt(Instant at) {
    return AmiEvent.newBuilder(Ami.event("Newchannel", 0, Ami.channel("PJSIP/102-00000099",
            "1795499999.1", "1795499999.1", "from-internal", "s", "102")))
        .setReceivedAt(at).setPbxTime(null).build();
  }

  private static long epochMillis(JsonNode truthTime) {
    return Math.round(truthTime.get("epoch").asDouble() * 1000);
  }

  /** How many lifecycle records the state machine emits for these records. */
  private static int emittedBy(List<AmiEvent> events) {
    return new CallStateMachineRun(events).lifecycle.size();
  }

  /** The pure state machine over some records, as the offline replay runs it but without its end. */
  private static final class CallStateMachineRun {
    final List<CallEvent> lifecycle = new ArrayList<>();
    final List<CallSummary> summaries = new ArrayList<>();

    CallStateMachineRun(List<AmiEvent> events) {
      CallStateMachine machine = new CallStateMachine(CorrelatorConfig.defaults());
      PbxState state = PbxState.empty(Ami.PBX);
      for (AmiEvent e : events) {
        if (NoiseFilter.isRelevant(e)) {
          Transition t = machine.apply(state, e);
          state = t.state();
          lifecycle.addAll(t.lifecycle());
          summaries.addAll(t.summaries());
        }
      }
    }
  }
}
