package io.callstream.correlator.machine;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.Ami;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.state.Call;
import io.callstream.correlator.state.PbxState;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Direction;
import io.callstream.schemas.Disposition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One behaviour per handler, on small hand-made sequences. */
class HandlersTest {

  private final CallStateMachine machine = new CallStateMachine(CorrelatorConfig.defaults());
  private PbxState state = PbxState.empty(Ami.PBX);
  private final List<CallEvent> lifecycle = new ArrayList<>();
  private final List<CallSummary> summaries = new ArrayList<>();

  private final java.util.Set<AmiEvent> applied =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  /** Applies the script's events not applied yet (a script can grow between calls). */
  private HandlersTest apply(Script script) {
    for (AmiEvent e : script.events()) {
      if (!applied.add(e)) {
        continue;
      }
      Transition t = machine.apply(state, e);
      assertThat(t.state()).isNotSameAs(state);
      state = t.state();
      lifecycle.addAll(t.lifecycle());
      summaries.addAll(t.summaries());
    }
    return this;
  }

  private List<CallEventType> types() {
    return lifecycle.stream().map(CallEvent::getType).toList();
  }

  private Call onlyCall() {
    assertThat(state.calls()).hasSize(1);
    return state.calls().values().iterator().next();
  }

  @Test
  void applyNeverChangesTheStateItWasGiven() {
    PbxState before = state;
    apply(Script.inboundAnsweredBy101());
    assertThat(before.calls()).isEmpty();
    assertThat(before.channels()).isEmpty();
  }

  @Test
  void newchannelJoinsTheGroupItsLinkedidNamesAndTrunkFirstChannelsStartInbound() {
    apply(new Script()
        .newchannel(0, "PJSIP/trunk-00000001", "1.0", "1.0", "from-trunk", "74951234567", "7916")
        .newchannel(0, "PJSIP/101-00000002", "1.1", "1.0", "from-internal", "s", "101"));
    Call call = onlyCall();
    assertThat(call.callId()).isEqualTo("pbx1/1.0");
    assertThat(call.direction()).isEqualTo(Direction.INBOUND);
    assertThat(call.line()).isEqualTo("74951234567");
    assertThat(types()).containsExactly(CallEventType.STARTED);
  }

  @Test
  void newchannelPairsLocalHalvesByName() {
    apply(new Script()
        .newchannel(0, "Local/101@from-queue-00000001;1", "2.1", "2.1", "from-queue", "101", "")
        .newchannel(0, "Local/101@from-queue-00000001;2", "2.2", "2.2", "from-queue", "101", ""));
    assertThat(state.channels().get("2.1").localPeer()).isEqualTo("2.2");
    assertThat(state.channels().get("2.2").localPeer()).isEqualTo("2.1");
    assertThat(onlyCall().pending()).isTrue();
  }

  @Test
  void localBridgePairsHalvesWhateverTheirNames() {
    apply(new Script()
        .newchannel(0, "Local/a;1", "3.1", "3.1", "x", "s", "")
        .newchannel(0, "Local/b;2", "3.2", "3.2", "x", "s", "")
        .localBridge(0, "3.1", "3.2"));
    assertThat(state.channels().get("3.1").localPeer()).isEqualTo("3.2");
    assertThat(state.calls()).hasSize(1);
  }

  @Test
  void dialBeginStartsAnInternalCallAndRingsOncePerDestination() {
    apply(new Script()
        .newchannel(0, "PJSIP/101-00000001", "4.0", "4.0", "from-internal", "102", "101")
        .newchannel(0, "PJSIP/102-00000002", "4.1", "4.0", "from-internal", "s", "102")
        .dialBegin(0, "4.0", "4.1", "102")
        .dialBegin(0, "4.0", "4.1", "102"));
    Call call = onlyCall();
    assertThat(call.direction()).isEqualTo(Direction.INTERNAL);
    assertThat(call.callerExtension()).isEqualTo("101");
    assertThat(types()).containsExactly(CallEventType.STARTED, CallEventType.RINGING);
  }

  @Test
  void dialBeginToATrunkStartsAnOutboundCallAnchoredOnTheTrunk() {
    apply(new Script()
        .newchannel(0, "PJSIP/101-00000001", "5.0", "5.0", "from-internal", "7999", "101")
        .newchannel(0.2, "PJSIP/trunk-00000002", "5.1", "5.0", "from-trunk", "s", "")
        .dialBegin(0.3, "5.0", "5.1", "79991234567@trunk"));
    Call call = onlyCall();
    assertThat(call.callId()).isEqualTo("pbx1/5.1");
    assertThat(call.direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(call.externalNumber()).isEqualTo("79991234567");
    assertThat(call.startedAt()).as("the trunk channel's creation").isEqualTo(200L);
  }

  @Test
  void dialEndIsKeyedByDestinationAndIgnoresDuplicates() {
    apply(new Script()
        .newchannel(0, "PJSIP/trunk-00000001", "6.0", "6.0", "from-trunk", "7495", "7916")
        .newchannel(0, "PJSIP/101-00000002", "6.1", "6.0", "from-internal", "s", "101")
        .dialBegin(0, "6.0", "6.1", "101")
        .dialEnd(1, "6.0", "6.1", "CANCEL")
        .dialEnd(1, null, "6.1", "CANCEL"));
    assertThat(types()).containsExactly(CallEventType.STARTED, CallEventType.RINGING,
        CallEventType.RING_ENDED);
    assertThat(lifecycle.get(2).getReason()).isEqualTo("caller-gave-up");
  }

  @Test
  void bridgeEnterJoinsCallsAndAnswersButParkingLotsDoNeither() {
    Script s = new Script()
        .newchannel(0, "PJSIP/trunk-00000001", "7.0", "7.0", "from-trunk", "7495", "7916")
        .newchannel(0, "PJSIP/trunk-00000002", "7.5", "7.5", "from-trunk", "7495", "7917")
        .bridgeEnter(1, "park", "parking", "7.0")
        .bridgeEnter(1, "park", "parking", "7.5");
    apply(s);
    assertThat(state.calls()).hasSize(2);
    assertThat(types()).doesNotContain(CallEventType.ANSWERED);
    apply(s.bridgeLeave(2, "park", "7.0")
        .newchannel(2, "PJSIP/101-00000003", "8.0", "8.0", "from-internal", "s", "101")
        .bridgeEnter(3, "b1", "basic", "8.0")
        .bridgeEnter(3, "b1", "basic", "7.0"));
    assertThat(state.channels().get("8.0").group()).isEqualTo(state.channels().get("7.0").group());
    assertThat(state.calls()).hasSize(2);
    assertThat(lifecycle).filteredOn(e -> e.getType() == CallEventType.ANSWERED).singleElement()
        .satisfies(e -> {
          assertThat(e.getExtension()).isEqualTo("101");
          assertThat(e.getCallId()).isEqualTo("pbx1/7.0");
        });
  }

  @Test
  void bridgeLeaveAndDestroyForgetMembership() {
    apply(Script.inboundAnsweredBy101().bridgeLeave(3, "b1", "10.1"));
    assertThat(state.bridges().get("b1").members()).containsExactly("10.0");
    apply(new Script().raw(3, "BridgeDestroy", "BridgeUniqueid", "b1"));
    assertThat(state.bridges()).doesNotContainKey("b1");
    assertThat(state.channels().get("10.0").bridges()).isEmpty();
  }

  @Test
  void hangupOfTheAnchorEndsTheCallAndRemovesItsState() {
    apply(Script.inboundAnsweredBy101().hangup(5, "10.1", "16").hangup(5, "10.0", "16"));
    assertThat(summaries).singleElement().satisfies(s -> {
      assertThat(s.getDisposition()).isEqualTo(Disposition.ANSWERED);
      assertThat(s.getHangupCause()).isEqualTo(16);
      assertThat(s.getTalkMillis()).isEqualTo(3000L);
    });
    assertThat(state.calls()).isEmpty();
    assertThat(state.channels()).isEmpty();
    assertThat(state.bridges()).isEmpty();
  }

  @Test
  void hangupOfARingingPhoneEndsItsRing() {
    apply(new Script()
        .newchannel(0, "PJSIP/trunk-00000001", "9.0", "9.0", "from-trunk", "7495", "7916")
        .newchannel(0, "PJSIP/101-00000002", "9.1", "9.0", "from-internal", "s", "101")
        .dialBegin(0, "9.0", "9.1", "101")
        .hangup(1, "9.1", "26"));
    assertThat(lifecycle.get(2).getType()).isEqualTo(CallEventType.RING_ENDED);
    assertThat(state.channels()).doesNotContainKey("9.1");
  }

  @Test
  void aChangedLinkedidJoinsTheGroupsAndIsRecorded() {
    apply(new Script()
        .newchannel(0, "PJSIP/trunk-00000001", "11.0", "11.0", "from-trunk", "7495", "7916")
        .newchannel(1, "PJSIP/102-00000002", "12.0", "12.0", "from-internal", "s", "102")
        .relink("12.0", "11.0")
        .on(2, "Newstate", "12.0"));
    assertThat(onlyCall().linkedids()).containsExactly("11.0", "12.0");
  }

  @Test
  void modelVariablesComeFromVarSetOrChanVariableHeaders() {
    apply(new Script()
        .newchannel(0, "PJSIP/trunk-00000001", "13.0", "13.0", "from-trunk", "s", "7916")
        .on(0, "VarSet", "13.0", "Variable", "__FROM_DID", "Value", "74950000001"));
    assertThat(onlyCall().line()).isEqualTo("74950000001");
    apply(new Script()
        .newchannel(0, "PJSIP/trunk-00000001", "13.0", "13.0", "from-trunk", "s", "7916")
        .on(1, "Newstate", "13.0", "ChanVariable", "MIXMONITOR_FILENAME=/rec/a.wav"));
    assertThat(lifecycle).filteredOn(e -> e.getType() == CallEventType.RECORDING).singleElement()
        .satisfies(e -> assertThat(e.getRecordingFile()).isEqualTo("/rec/a.wav"));
  }

  @Test
  void anEmptyChanVariableIsAnUnsetVariableNotARecording() {
    apply(Script.inboundAnsweredBy101()
        .on(3, "Newstate", "10.0", "ChanVariable", "MIXMONITOR_FILENAME=")
        .hangup(4, "10.0", "16"));
    assertThat(types()).doesNotContain(CallEventType.RECORDING);
    assertThat(summaries).singleElement()
        .satisfies(s -> assertThat(s.getRecordingFile()).isNull());
  }

  @Test
  void queueEventsNameTheQueueAndMarkAbandonment() {
    apply(new Script()
        .newchannel(0, "PJSIP/trunk-00000001", "14.0", "14.0", "from-trunk", "7495", "7916")
        .on(0.5, "QueueCallerJoin", "14.0", "Queue", "400", "Position", "1")
        .on(5, "QueueCallerAbandon", "14.0", "Queue", "400", "HoldTime", "4")
        .hangup(5, "14.0", "16"));
    assertThat(summaries).singleElement().satisfies(s -> {
      assertThat(s.getDisposition()).isEqualTo(Disposition.ABANDONED);
      assertThat(s.getQueue()).isEqualTo("400");
    });
  }

  @Test
  void attendedTransferThroughALocalPairNamesTheExtensionBehindIt() {
    apply(Script.inboundAnsweredBy101()
        .newchannel(3, "Local/102@from-internal-xfer-00000001;1", "15.1", "10.0",
            "from-internal-xfer", "102", "")
        .newchannel(3, "Local/102@from-internal-xfer-00000001;2", "15.2", "10.0",
            "from-internal-xfer", "102", "")
        .newchannel(3, "PJSIP/102-00000009", "15.3", "10.0", "from-internal", "s", "102")
        .dialBegin(3, "15.2", "15.3", "102")
        .dialEnd(4, "15.2", "15.3", "ANSWER")
        .bridgeEnter(4, "b3", "basic", "15.3")
        .bridgeEnter(4, "b3", "basic", "15.2")
        .bridgeLeave(5, "b1", "10.1")
        .bridgeEnter(5, "b1", "basic", "15.1")
        .raw(5, "AttendedTransfer", "Result", "Success", "DestType", "Bridge",
            "OrigTransfererUniqueid", "10.1", "SecondTransfererUniqueid", "10.1",
            "TransfereeUniqueid", "10.0", "TransferTargetUniqueid", "15.1",
            "TransferTargetChannel", "Local/102@from-internal-xfer-00000001;1"));
    assertThat(onlyCall().transfers()).singleElement().satisfies(t -> {
      assertThat(t.from()).isEqualTo("101");
      assertThat(t.to()).isEqualTo("102");
    });
    assertThat(onlyCall().talking()).isEqualTo("102");
  }

  @Test
  void renameKeepsTheChannelByUniqueid() {
    apply(Script.inboundAnsweredBy101().raw(3, "Rename", "Channel", "PJSIP/101-00000002",
        "Newname", "PJSIP/101-00000002<ZOMBIE>", "Uniqueid", "10.1"));
    assertThat(state.channels().get("10.1").name()).isEqualTo("PJSIP/101-00000002<ZOMBIE>");
  }

  @Test
  void freePbx16LabNamesAreReadThroughThePresetsDialContexts() {
    CallStateMachine v16 = new CallStateMachine(CorrelatorConfig.fromMap(Map.of(
        CorrelatorConfig.PRESET, "freepbx16")));
    Script s = new Script()
        .newchannel(0, "IAX2/trunk-1234", "16.0", "16.0", "from-trunk", "5551000", "79161234567")
        .newchannel(0, "IAX2/simphones-5678", "16.1", "16.0", "default", "s", "")
        .relocate("16.0", "macro-dial-one")
        .on(0, "DialBegin", "16.0", "DestChannel",
            "IAX2/simphones-5678", "DestUniqueid", "16.1", "DialString", "simphones/101")
        .dialEnd(2, "16.0", "16.1", "ANSWER")
        .bridgeEnter(2, "b1", "basic", "16.1")
        .bridgeEnter(2, "b1", "basic", "16.0")
        .hangup(5.5, "16.0", "16");
    for (AmiEvent e : s.events()) {
      Transition t = v16.apply(state, e);
      state = t.state();
      summaries.addAll(t.summaries());
    }
    assertThat(summaries).singleElement().satisfies(x -> {
      assertThat(x.getRang()).containsExactly("101");
      assertThat(x.getAnsweredBy()).isEqualTo("101");
      assertThat(x.getLine()).isEqualTo("5551000");
    });
  }
}
