package io.callstream.correlator.machine;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.Ami;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.replay.OfflineReplay;
import io.callstream.correlator.replay.ReplayResult;
import io.callstream.correlator.state.PbxState;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.ami.AmiEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lost events: disconnect + resync closes or keeps calls; a missing hangup times out. */
class GapRulesTest {

  private static final String TRUNK = "PJSIP/trunk-00000000";
  private final OfflineReplay replay = new OfflineReplay(CorrelatorConfig.defaults());

  /** inbound_answered up to the answer, then the connection drops. */
  private static List<AmiEvent> cutAfterAnswer() {
    List<AmiEvent> events = Ami.session("inbound_answered", "c1");
    int answered = Ami.indexOf(events, "BridgeEnter", "Channel", TRUNK);
    List<AmiEvent> cut = new ArrayList<>(events.subList(0, answered + 1));
    cut.add(Ami.marker(AmiFrameKind.DISCONNECTED, "c1", 1795485075));
    cut.add(Ami.marker(AmiFrameKind.CONNECTED, "c2", 1795485090));
    cut.add(Ami.marker(AmiFrameKind.RESYNC_BEGIN, "c2", 1795485090));
    return cut;
  }

  private static AmiEvent listed(AmiEvent snapshot) {
    List<String> h = new ArrayList<>();
    for (String name : List.of("Channel", "Uniqueid", "Linkedid", "Context", "Exten",
        "CallerIDNum")) {
      h.add(name);
      h.add(AmiEvents.header(snapshot, name));
    }
    return Ami.event("CoreShowChannel", 1795485090, h.toArray(String[]::new));
  }

  @Test
  void aResyncWithoutTheCallsChannelsClosesItAsUnknown() {
    List<AmiEvent> events = cutAfterAnswer();
    events.add(Ami.event("CoreShowChannelsComplete", 1795485090, "ListItems", "0"));
    events.add(Ami.marker(AmiFrameKind.RESYNC_END, "c2", 1795485090));
    ReplayResult result = replay.replayEvents(Ami.PBX, events);

    CallSummary s = result.summaries().get(0);
    assertThat(result.summaries()).hasSize(1);
    assertThat(s.getDisposition()).isEqualTo(Disposition.UNKNOWN);
    assertThat(s.getDispositionReason()).contains("connection was down");
    assertThat(s.getAnsweredBy()).isEqualTo("101");
    assertThat(s.getAnsweredAt()).isNotNull();
    assertThat(s.getEndedAt()).isBefore(java.time.Instant.ofEpochSecond(1795485090));
  }

  @Test
  void aResyncThatStillListsTheChannelsKeepsTheCall() {
    List<AmiEvent> full = Ami.session("inbound_answered", "c1");
    List<AmiEvent> events = cutAfterAnswer();
    events.add(listed(full.get(Ami.indexOf(full, "Newchannel", "Channel", TRUNK))));
    events.add(listed(full.get(Ami.indexOf(full, "Newchannel", "Channel", "PJSIP/101-00000001"))));
    events.add(Ami.marker(AmiFrameKind.RESYNC_END, "c2", 1795485090));
    CallStateMachine machine = new CallStateMachine(CorrelatorConfig.defaults());
    PbxState state = PbxState.empty(Ami.PBX);
    List<CallSummary> summaries = new ArrayList<>();
    for (AmiEvent e : events) {
      Transition t = machine.apply(state, e);
      state = t.state();
      summaries.addAll(t.summaries());
    }
    assertThat(summaries).isEmpty();
    assertThat(state.calls()).hasSize(1);
    assertThat(state.calls().values().iterator().next().suspectSince()).isNull();

    int hangup = Ami.indexOf(full, "Hangup", "Channel", TRUNK);
    for (AmiEvent e : full.subList(hangup - 3, hangup + 1)) {
      Transition t = machine.apply(state, e);
      state = t.state();
      summaries.addAll(t.summaries());
    }
    assertThat(summaries).singleElement().satisfies(s -> {
      assertThat(s.getDisposition()).isEqualTo(Disposition.ANSWERED);
      assertThat(s.getFinalExtension()).isEqualTo("101");
    });
    assertThat(state.calls()).isEmpty();
  }

  @Test
  void aCallThatNeverSeesItsHangupIsClosedByTheStreamTimeTimeout() {
    List<AmiEvent> events = Ami.session("inbound_answered", "c1");
    int answered = Ami.indexOf(events, "BridgeEnter", "Channel", TRUNK);
    List<AmiEvent> cut = new ArrayList<>(events.subList(0, answered + 1));
    cut.add(Ami.event("Newchannel", 1795485071 + 7200, Ami.channel("PJSIP/102-00000099",
        "1795492271.1", "1795492271.1", "from-internal", "s", "102")));
    CorrelatorConfig config = CorrelatorConfig.fromMap(Map.of(
        CorrelatorConfig.CALL_TIMEOUT_MS, "3600000", CorrelatorConfig.SWEEP_INTERVAL_MS, "1000"));
    ReplayResult result = new OfflineReplay(config).replayEvents(Ami.PBX, cut);
    CallSummary s = result.summaries().get(0);
    assertThat(s.getDisposition()).isEqualTo(Disposition.UNKNOWN);
    assertThat(s.getDispositionReason()).contains("no hangup seen within 3600 s");
  }

  @Test
  void theNextCaptureFileIsANewSessionAndCallsOpenAtTheEndAreClosed() {
    List<AmiEvent> events = Ami.session("inbound_answered", "c1");
    int answered = Ami.indexOf(events, "BridgeEnter", "Channel", TRUNK);
    List<AmiEvent> input = new ArrayList<>(events.subList(0, answered + 1));
    input.addAll(Ami.session("internal_call", "c2"));
    ReplayResult result = replay.replayEvents(Ami.PBX, input);
    assertThat(result.summaries()).extracting(CallSummary::getDisposition)
        .containsExactly(Disposition.ANSWERED, Disposition.UNKNOWN);
    assertThat(result.summaries().get(1).getDispositionReason()).contains("input ended");
  }

  @Test
  void anAdoptedCallStartsWhenTheSnapshotSaysItsAnchorWasCreated() {
    assertThat(adoptedStart("00:01:30")).isEqualTo(java.time.Instant.ofEpochSecond(1795485000));
    assertThat(adoptedStart(null)).as("without Duration: first sight")
        .isEqualTo(java.time.Instant.ofEpochSecond(1795485090));
  }

  private java.time.Instant adoptedStart(String duration) {
    List<String> h = new ArrayList<>(List.of("Channel", "PJSIP/trunk-00000001",
        "Uniqueid", "1795484999.7", "Linkedid", "1795484999.7", "Context", "from-pstn",
        "Exten", "5551000", "CallerIDNum", "5550100"));
    if (duration != null) {
      h.addAll(List.of("Duration", duration));
    }
    List<AmiEvent> events = List.of(
        Ami.marker(AmiFrameKind.CONNECTED, "c1", 1795485090),
        Ami.marker(AmiFrameKind.RESYNC_BEGIN, "c1", 1795485090),
        Ami.event("CoreShowChannel", 1795485090, h.toArray(String[]::new)),
        Ami.event("CoreShowChannelsComplete", 1795485090, "ListItems", "1"),
        Ami.marker(AmiFrameKind.RESYNC_END, "c1", 1795485090),
        Ami.event("Hangup", 1795485100, "Channel", "PJSIP/trunk-00000001",
            "Uniqueid", "1795484999.7", "Linkedid", "1795484999.7", "Cause", "16"));
    CallSummary s = replay.replayEvents(Ami.PBX, events).summaries().get(0);
    assertThat(s.getJoinedLate()).isTrue();
    assertThat(s.getEndedAt()).isEqualTo(java.time.Instant.ofEpochSecond(1795485100));
    return s.getStartedAt();
  }
}
