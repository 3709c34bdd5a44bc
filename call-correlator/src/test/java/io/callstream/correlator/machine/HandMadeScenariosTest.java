package io.callstream.correlator.machine;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.Ami;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.replay.OfflineReplay;
import io.callstream.correlator.replay.ReplayResult;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Direction;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.TransferKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenarios of AMI-SEMANTICS §3 that have no real capture: pickup, park and retrieve, Local
 * channel optimisation, a DTMF ({@code ##}) blind transfer, hold/resume, a failed outbound call.
 */
class HandMadeScenariosTest {

  private static ReplayResult run(Script script) {
    return new OfflineReplay(CorrelatorConfig.defaults()).replayEvents(Ami.PBX, script.events());
  }

  private static CallSummary only(ReplayResult result) {
    assertThat(result.summaries()).hasSize(1);
    return result.summaries().get(0);
  }

  private static List<CallEventType> steps(ReplayResult result) {
    return result.lifecycle().stream().map(CallEvent::getType).toList();
  }

  @Test
  void directedPickupJoinsThePickersChannelToTheRingingCall() {
    Script s = new Script()
        .newchannel(0, "PJSIP/trunk-00000001", "20.0", "20.0", "from-trunk", "74951234567",
            "79161234567")
        .newchannel(0.01, "PJSIP/101-00000002", "20.1", "20.0", "from-internal", "s", "101")
        .dialBegin(0.01, "20.0", "20.1", "101")
        .newchannel(2.05, "PJSIP/102-00000003", "22.2", "22.2", "from-internal", "*8101", "102")
        .on(2.56, "Pickup", "22.2", "TargetChannel", "PJSIP/101-00000002", "TargetUniqueid",
            "20.1")
        .dialEnd(2.56, "20.0", "22.2", "ANSWER")
        .bridgeEnter(2.56, "b1", "basic", "22.2")
        .bridgeEnter(2.56, "b1", "basic", "20.0")
        .hangup(2.57, "20.1", "26")
        .relink("22.2", "20.0")
        .bridgeLeave(14.06, "b1", "22.2")
        .bridgeLeave(14.06, "b1", "20.0")
        .hangup(14.07, "22.2", "16")
        .hangup(14.07, "20.0", "16");
    ReplayResult result = run(s);
    CallSummary summary = only(result);
    assertThat(summary.getCallId()).isEqualTo("pbx1/20.0");
    assertThat(summary.getRang()).containsExactly("101");
    assertThat(summary.getAnsweredBy()).isEqualTo("102");
    assertThat(summary.getFinalExtension()).isEqualTo("102");
    assertThat(summary.getDisposition()).isEqualTo(Disposition.ANSWERED);
    assertThat(summary.getAnsweredAt()).isEqualTo(Instant.ofEpochMilli(2560));
    assertThat(summary.getLinkedids()).containsExactly("20.0", "22.2");
    assertThat(result.lifecycle()).filteredOn(e -> e.getType() == CallEventType.RING_ENDED)
        .singleElement().satisfies(e -> assertThat(e.getReason()).isEqualTo("picked-up"));
  }

  @Test
  void parkAndRetrieveKeepsTheCallerAndHandsTheCallToTheRetriever() {
    Script s = Script.inboundAnsweredBy101()
        .on(2.05, "Unhold", "10.1")
        .raw(2.05, "BlindTransfer", "Result", "Success", "TransfererChannel",
            "PJSIP/101-00000002", "TransfererUniqueid", "10.1", "TransfereeChannel",
            "PJSIP/trunk-00000001", "TransfereeUniqueid", "10.0", "IsExternal", "Yes",
            "Context", "from-internal-xfer", "Extension", "700", "BridgeUniqueid", "b1")
        .raw(2.06, "BridgeCreate", "BridgeUniqueid", "p1", "BridgeType", "parking",
            "BridgeTechnology", "holding_bridge")
        .raw(2.06, "ParkedCall", "ParkeeChannel", "PJSIP/trunk-00000001", "ParkeeUniqueid",
            "10.0", "ParkingSpace", "701", "Parkinglot", "default")
        .bridgeLeave(2.06, "b1", "10.0")
        .bridgeEnter(2.06, "p1", "parking", "10.0")
        .bridgeLeave(2.06, "b1", "10.1")
        .hangup(2.07, "10.1", "16")
        .bridgeDestroy(2.07, "b1")
        .newchannel(4.20, "PJSIP/102-00000003", "14.2", "14.2", "from-internal", "701", "102")
        .raw(4.75, "UnParkedCall", "ParkeeChannel", "PJSIP/trunk-00000001", "ParkeeUniqueid",
            "10.0", "RetrieverChannel", "PJSIP/102-00000003", "RetrieverUniqueid", "14.2",
            "ParkingSpace", "701")
        .bridgeLeave(4.75, "p1", "10.0")
        .bridgeEnter(4.75, "b2", "basic", "10.0")
        .relink("14.2", "10.0")
        .bridgeEnter(4.75, "b2", "basic", "14.2")
        .bridgeLeave(15.0, "b2", "14.2")
        .hangup(15.0, "14.2", "16")
        .bridgeLeave(15.0, "b2", "10.0")
        .hangup(15.01, "10.0", "16");
    ReplayResult result = run(s);
    CallSummary summary = only(result);
    assertThat(summary.getAnsweredBy()).isEqualTo("101");
    assertThat(summary.getFinalExtension()).isEqualTo("102");
    assertThat(summary.getTransfers()).singleElement()
        .satisfies(t -> assertThat(t.getKind()).isEqualTo(TransferKind.BLIND));
    assertThat(summary.getTotalMillis()).isEqualTo(15010L);
    assertThat(steps(result)).containsSubsequence(CallEventType.TRANSFERRED,
        CallEventType.HELD, CallEventType.RESUMED, CallEventType.ENDED);
    assertThat(result.lifecycle()).filteredOn(e -> e.getType() == CallEventType.RESUMED)
        .singleElement().satisfies(e -> assertThat(e.getExtension()).isEqualTo("102"));
  }

  @Test
  void localOptimisationSwapsTheCallerIntoTheAgentsBridge() {
    Script s = new Script()
        .newchannel(0, "PJSIP/trunk-00000001", "30.0", "30.0", "from-trunk", "74951234567",
            "79161234567")
        .newchannel(0, "Local/101@from-internal-00000001;1", "30.1", "30.0", "from-internal",
            "101", "")
        .newchannel(0, "Local/101@from-internal-00000001;2", "30.2", "30.0", "from-internal",
            "101", "")
        .localBridge(0, "30.1", "30.2")
        .dialBegin(0, "30.0", "30.1", "Local/101@from-internal")
        .newchannel(0.01, "PJSIP/101-00000002", "30.3", "30.0", "from-internal", "s", "101")
        .dialBegin(0.01, "30.2", "30.3", "101")
        .dialEnd(2.01, "30.2", "30.3", "ANSWER")
        .dialEnd(2.01, "30.0", "30.1", "ANSWER")
        .bridgeEnter(2.01, "b1", "basic", "30.3")
        .bridgeEnter(2.01, "b1", "basic", "30.2")
        .bridgeEnter(2.01, "b2", "basic", "30.1")
        .bridgeEnter(2.01, "b2", "basic", "30.0")
        .raw(2.03, "LocalOptimizationBegin", "LocalOneUniqueid", "30.1", "LocalTwoUniqueid",
            "30.2", "SourceUniqueid", "30.0", "DestUniqueId", "30.2", "Id", "0")
        .bridgeLeave(2.03, "b2", "30.0")
        .bridgeLeave(2.03, "b1", "30.2")
        .bridgeEnter(2.03, "b1", "basic", "30.0", "SwapUniqueid", "30.2")
        .raw(2.03, "LocalOptimizationEnd", "LocalOneUniqueid", "30.1", "LocalTwoUniqueid",
            "30.2", "Success", "No", "Id", "0")
        .hangup(2.03, "30.2", "16")
        .bridgeLeave(2.03, "b2", "30.1")
        .hangup(2.03, "30.1", "16")
        .bridgeDestroy(2.03, "b2")
        .bridgeLeave(6.05, "b1", "30.3")
        .hangup(6.05, "30.3", "16")
        .bridgeLeave(6.05, "b1", "30.0")
        .hangup(6.06, "30.0", "16");
    CallSummary summary = only(run(s));
    assertThat(summary.getRang()).containsExactly("101");
    assertThat(summary.getAnsweredBy()).isEqualTo("101");
    assertThat(summary.getFinalExtension()).isEqualTo("101");
    assertThat(summary.getAnsweredAt()).isEqualTo(Instant.ofEpochMilli(2010));
    assertThat(summary.getTalkMillis()).isEqualTo(4050L);
  }

  @Test
  void dtmfBlindTransferIsRecordedLikeAnAmiOne() {
    Script s = Script.inboundAnsweredBy101()
        .raw(3.0, "BlindTransfer", "Result", "Success", "TransfererChannel", "PJSIP/101-00000002",
            "TransfererUniqueid", "10.1", "TransfereeChannel", "PJSIP/trunk-00000001",
            "TransfereeUniqueid", "10.0", "IsExternal", "No", "Context", "from-internal-xfer",
            "Extension", "102", "BridgeUniqueid", "b1")
        .bridgeLeave(3.0, "b1", "10.1")
        .bridgeLeave(3.0, "b1", "10.0")
        .hangup(3.0, "10.1", "16")
        .newchannel(3.01, "PJSIP/102-00000003", "13.0", "10.0", "from-internal", "s", "102")
        .dialBegin(3.01, "10.0", "13.0", "102")
        .dialEnd(5.0, "10.0", "13.0", "ANSWER")
        .bridgeEnter(5.0, "b3", "basic", "13.0")
        .bridgeEnter(5.0, "b3", "basic", "10.0")
        .hangup(9.0, "10.0", "16");
    CallSummary summary = only(run(s));
    assertThat(summary.getRang()).containsExactly("101", "102");
    assertThat(summary.getTransfers()).singleElement().satisfies(t -> {
      assertThat(t.getFrom()).isEqualTo("101");
      assertThat(t.getTo()).isEqualTo("102");
      assertThat(t.getKind()).isEqualTo(TransferKind.BLIND);
      assertThat(t.getAt()).isEqualTo(Instant.ofEpochMilli(3000));
    });
    assertThat(summary.getFinalExtension()).isEqualTo("102");
    assertThat(summary.getAnsweredBy()).isEqualTo("101");
  }

  @Test
  void holdAndResumeOfTheAgent() {
    Script s = Script.inboundAnsweredBy101()
        .on(2.5, "Unhold", "10.1")
        .on(3.0, "Hold", "10.1", "MusicClass", "default")
        .on(3.0, "Hold", "10.1", "MusicClass", "default")
        .on(5.0, "Unhold", "10.1")
        .hangup(6.0, "10.0", "16");
    ReplayResult result = run(s);
    assertThat(result.lifecycle()).filteredOn(e -> e.getType() == CallEventType.HELD
            || e.getType() == CallEventType.RESUMED)
        .extracting(CallEvent::getType, CallEvent::getExtension, e -> e.getAt().toEpochMilli())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(CallEventType.HELD, "101", 3000L),
            org.assertj.core.groups.Tuple.tuple(CallEventType.RESUMED, "101", 5000L));
  }

  @Test
  void outboundToAnUnreachableTrunkFails() {
    Script s = new Script()
        .newchannel(0, "PJSIP/101-00000001", "40.0", "40.0", "from-internal", "79991234567",
            "101")
        .newchannel(0.01, "PJSIP/trunk-00000002", "40.1", "40.0", "from-trunk", "s", "")
        .dialBegin(0.01, "40.0", "40.1", "79991234567@trunk")
        .dialEnd(0.05, "40.0", "40.1", "CHANUNAVAIL")
        .hangup(0.05, "40.1", "0")
        .hangup(0.06, "40.0", "16");
    CallSummary summary = only(run(s));
    assertThat(summary.getDirection()).isEqualTo(Direction.OUTBOUND);
    assertThat(summary.getExternalNumber()).isEqualTo("79991234567");
    assertThat(summary.getExtension()).isEqualTo("101");
    assertThat(summary.getDisposition()).isEqualTo(Disposition.FAILED);
    assertThat(summary.getAnsweredAt()).isNull();
  }

  @Test
  void theConsultationOfAReferTransferEndsAsMergedIntoTheCallersCall() {
    ReplayResult result = new OfflineReplay(CorrelatorConfig.defaults())
        .replayEvents(Ami.PBX, Ami.session("attended_transfer_refer", "c1"));
    assertThat(result.summaries()).singleElement()
        .satisfies(s -> assertThat(s.getCallId()).isEqualTo("pbx1/1795485217.46"));
    assertThat(result.lifecycle()).filteredOn(e -> e.getCallId().equals("pbx1/1795485222.48"))
        .extracting(CallEvent::getType).containsExactly(CallEventType.STARTED,
            CallEventType.RINGING, CallEventType.RING_ENDED, CallEventType.ANSWERED,
            CallEventType.ENDED);
    assertThat(result.lifecycle()).filteredOn(e -> e.getType() == CallEventType.ENDED
        && e.getCallId().equals("pbx1/1795485222.48")).singleElement().satisfies(e -> {
          assertThat(e.getReason()).isEqualTo("merged into pbx1/1795485217.46");
          assertThat(e.getDisposition()).isEqualTo(Disposition.ANSWERED);
          assertThat(e.getDirection()).isEqualTo(Direction.INTERNAL);
        });
  }

  @Test
  void clickToCallThroughALocalChannelIsTheAgentsOutboundCall() {
    Script s = new Script()
        .newchannel(0, "Local/101@from-internal-00000001;1", "60.0", "60.0", "from-internal",
            "101", "")
        .newchannel(0, "Local/101@from-internal-00000001;2", "60.1", "60.0", "from-internal",
            "101", "")
        .on(0, "VarSet", "60.0", "Variable", "__CALLSTREAM_CRM_CALL_ID", "Value",
            "externalCall.5b1c")
        .newchannel(0, "PJSIP/101-00000002", "60.2", "60.0", "from-internal", "s", "101")
        .dialBegin(0, "60.1", "60.2", "101")
        .dialEnd(2, "60.1", "60.2", "ANSWER")
        .bridgeEnter(2, "b1", "basic", "60.2")
        .bridgeEnter(2, "b1", "basic", "60.1")
        .newchannel(2.1, "PJSIP/trunk-00000003", "60.3", "60.0", "from-trunk", "s", "")
        .dialBegin(2.1, "60.0", "60.3", "79991234567@trunk")
        .dialEnd(5, "60.0", "60.3", "ANSWER")
        .bridgeEnter(5, "b2", "basic", "60.3")
        .bridgeEnter(5, "b2", "basic", "60.0")
        .hangup(20, "60.3", "16");
    CallSummary summary = only(run(s));
    assertThat(summary.getCallId()).isEqualTo("pbx1/60.3");
    assertThat(summary.getDirection()).isEqualTo(Direction.OUTBOUND);
    assertThat(summary.getExtension()).isEqualTo("101");
    assertThat(summary.getExternalNumber()).isEqualTo("79991234567");
    assertThat(summary.getAnsweredBy()).isEqualTo("101");
    assertThat(summary.getFinalExtension()).isEqualTo("101");
    assertThat(summary.getTalkMillis()).isEqualTo(15_000L);
    assertThat(summary.getCrmCallId()).isEqualTo("externalCall.5b1c");
  }

  @Test
  void anOutboundRecordingStartedBeforeTheTrunkIsDialledBelongsToTheCall() {
    Script s = new Script()
        .newchannel(0, "PJSIP/101-00000001", "70.0", "70.0", "from-internal", "79991234567",
            "101")
        .on(0.01, "VarSet", "70.0", "Variable", "MIXMONITOR_FILENAME", "Value", "/rec/out-1.wav")
        .newchannel(0.02, "PJSIP/trunk-00000002", "70.1", "70.0", "from-trunk", "s", "")
        .dialBegin(0.02, "70.0", "70.1", "79991234567@trunk")
        .dialEnd(3, "70.0", "70.1", "ANSWER")
        .bridgeEnter(3, "b1", "basic", "70.1")
        .bridgeEnter(3, "b1", "basic", "70.0")
        .hangup(7, "70.1", "16");
    ReplayResult result = run(s);
    assertThat(only(result).getRecordingFile()).isEqualTo("/rec/out-1.wav");
    assertThat(steps(result)).containsExactly(CallEventType.STARTED, CallEventType.RECORDING,
        CallEventType.ANSWERED, CallEventType.ENDED);
  }

  @Test
  void connectingACallerWithSomeoneTheAgentCalledKeepsTwoCalls() {
    Script s = Script.inboundAnsweredBy101()
        .newchannel(3, "PJSIP/101-00000003", "80.0", "80.0", "from-internal", "79990001122", "101")
        .newchannel(3, "PJSIP/trunk-00000004", "80.1", "80.0", "from-trunk", "s", "")
        .dialBegin(3, "80.0", "80.1", "79990001122@trunk")
        .dialEnd(5, "80.0", "80.1", "ANSWER")
        .bridgeEnter(5, "b2", "basic", "80.1")
        .bridgeEnter(5, "b2", "basic", "80.0")
        .bridgeLeave(8, "b1", "10.0")
        .bridgeLeave(8, "b2", "80.0")
        .bridgeEnter(8, "b2", "basic", "10.0", "SwapUniqueid", "80.0")
        .raw(8, "AttendedTransfer", "Result", "Success", "DestType", "Bridge",
            "OrigTransfererUniqueid", "10.1", "SecondTransfererUniqueid", "80.0",
            "TransfereeUniqueid", "10.0", "TransferTargetUniqueid", "80.1")
        .hangup(8, "10.1", "16")
        .hangup(8, "80.0", "16")
        .relink("80.1", "10.0")
        .hangup(20, "80.1", "16")
        .hangup(20, "10.0", "16");
    ReplayResult result = run(s);
    assertThat(result.summaries()).extracting(CallSummary::getCallId, CallSummary::getDirection,
            CallSummary::getDisposition)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pbx1/80.1", Direction.OUTBOUND,
                Disposition.ANSWERED),
            org.assertj.core.groups.Tuple.tuple("pbx1/10.0", Direction.INBOUND,
                Disposition.ANSWERED));
    CallSummary inbound = result.summaries().get(1);
    assertThat(inbound.getTransfers()).singleElement().satisfies(t -> {
      assertThat(t.getFrom()).isEqualTo("101");
      assertThat(t.getTo()).isEqualTo("79990001122");
    });
    assertThat(result.summaries().get(0).getExtension()).isEqualTo("101");
  }

  @Test
  void anExtensionThatDialsNothingIsNotACall() {
    Script s = new Script()
        .newchannel(0, "PJSIP/101-00000001", "50.0", "50.0", "from-internal", "*97", "101")
        .hangup(3, "50.0", "16");
    ReplayResult result = run(s);
    assertThat(result.summaries()).isEmpty();
    assertThat(result.lifecycle()).isEmpty();
  }
}
