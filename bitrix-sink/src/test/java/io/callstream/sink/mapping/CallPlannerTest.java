package io.callstream.sink.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.CallEvent;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.fixtures.Lifecycles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallPlannerTest {

  private static Map<String, String> base() {
    Map<String, String> m = new HashMap<>();
    m.put("bitrix.portals", "main");
    m.put("bitrix.portal.main.webhook.url", "https://b24.example.com/rest/1/secretcode123/");
    m.put("bitrix.portal.main.missed.owner.user.id", "7");
    m.put("sink.pbx.ids", "pbx1");
    m.put("sink.pbx.pbx1.portal", "main");
    m.put("sink.pbx.pbx1.timezone", "Europe/Moscow");
    m.put("bitrix.recording.url.template", "https://pbx.example.com/rec/{file}");
    return m;
  }

  private static List<BitrixCommand> plan(Map<String, String> config, List<CallEvent> events) {
    CallPlanner planner = new CallPlanner(SinkConfig.fromMap(config));
    PlanState state = new PlanState();
    List<BitrixCommand> out = new ArrayList<>();
    for (CallEvent e : events) {
      PlanResult r = planner.apply(state, e);
      assertThat(r.unmappableReason()).isEmpty();
      out.addAll(r.commands());
    }
    return out;
  }

  private static String shape(List<BitrixCommand> commands) {
    StringBuilder b = new StringBuilder();
    for (BitrixCommand c : commands) {
      b.append(c.getKind()).append(c.getExtensions());
      if (c.getParams().containsKey("USER_ID")) {
        b.append("u").append(c.getParams().get("USER_ID"));
      }
      if (c.getParams().containsKey("STATUS_CODE")) {
        b.append(c.getParams().get("STATUS_CODE")).append("/").append(c.getParams().get("DURATION"));
      }
      b.append(' ');
    }
    return b.toString().trim();
  }

  @Test
  void inboundAnsweredRegistersOnRingFinishesWithTalkTimeAndAttachesTheRecording() {
    List<BitrixCommand> c = plan(base(), Lifecycles.inboundAnswered("pbx1", "pbx1/1.1"));
    assertThat(shape(c)).isEqualTo("REGISTER[101] FINISH[101]200/42 ATTACH_RECORD[]");
    Map<String, String> reg = c.get(0).getParams();
    assertThat(reg).containsEntry("TYPE", "2").containsEntry("SHOW", "1")
        .containsEntry("LINE_NUMBER", Lifecycles.LINE)
        .containsEntry("EXTERNAL_CALL_ID", "pbx1/1.1")
        .containsEntry("CALL_START_DATE", "2026-03-10T11:19:38+03:00")
        .containsEntry("PHONE_NUMBER", "+79062195047");
    assertThat(c.get(2).getParams().get("RECORD_URL"))
        .isEqualTo("https://pbx.example.com/rec/in-pbx1_1.1.wav");
    assertThat(c).extracting(BitrixCommand::getPortalId).containsOnly("main");
  }

  @Test
  void callThatNeverRangIsRegisteredAndFinishedAsMissedForTheOwner() {
    assertThat(shape(plan(base(), Lifecycles.missedInIvr("pbx1", "pbx1/2.1"))))
        .isEqualTo("REGISTER[]u7 FINISH[]u7304/0");
  }

  @Test
  void ringAllShowsTheSecondAgentAndHidesHimWhenTheOtherAnswers() {
    assertThat(shape(plan(base(), Lifecycles.queueRingAll("pbx1", "pbx1/3.1"))))
        .isEqualTo("REGISTER[101] SHOW[102] HIDE[101] FINISH[102]200/30");
  }

  @Test
  void blindTransferMakesOneBitrixCallPerLegWithItsOwnDuration() {
    List<BitrixCommand> c = plan(base(), Lifecycles.blindTransfer("pbx1", "pbx1/4.1"));
    assertThat(shape(c)).isEqualTo("FINISH[101]200/20 REGISTER[103] FINISH[103]200/40"
        .replace("FINISH[101]", "REGISTER[101] FINISH[101]"));
    assertThat(c.get(2).getLegId()).isEqualTo("pbx1/4.1#1");
    assertThat(c.get(2).getParams()).containsEntry("EXTERNAL_CALL_ID", "pbx1/4.1#1");
  }

  @Test
  void singleCallModeKeepsOneCallFinishedByTheLastAgent() {
    Map<String, String> m = base();
    m.put("bitrix.transfer.mode", "single-call");
    assertThat(shape(plan(m, Lifecycles.blindTransfer("pbx1", "pbx1/4.2"))))
        .isEqualTo("REGISTER[101] SHOW[103] HIDE[101] FINISH[103]200/60");
  }

  @Test
  void outboundBusyIsTypeOneForTheCallingAgentWith486() {
    List<BitrixCommand> c = plan(base(), Lifecycles.outboundBusy("pbx1", "pbx1/5.1"));
    assertThat(shape(c)).isEqualTo("REGISTER[104] FINISH[104]486/0");
    assertThat(c.get(0).getParams()).containsEntry("TYPE", "1");
  }

  @Test
  void clickToCallIsNeverRegisteredAgainAndIsFinishedWithTheCrmCallId() {
    List<CallEvent> events = Lifecycles.call("pbx1", "pbx1/c2c.1",
            io.callstream.schemas.Direction.OUTBOUND, "+74957654321")
        .event(io.callstream.schemas.CallEventType.STARTED, 0,
            b -> b.setExtension("104").setCrmCallId("externalCall.abc.1"))
        .answered(5, "104").ended(65, io.callstream.schemas.Disposition.ANSWERED, 60, "104").build();
    List<BitrixCommand> c = plan(base(), events);
    assertThat(shape(c)).isEqualTo("SHOW[104] FINISH[104]200/60");
    assertThat(c).allSatisfy(x -> assertThat(x.getParams()).containsEntry("CALL_ID", "externalCall.abc.1"));
  }

  @Test
  void aCrmStartedCallIsFinishedAsMissedEvenWhenOnlyTheAgentsPhoneRang() {
    List<CallEvent> events = Lifecycles.call("pbx1", "pbx1/cb.1",
            io.callstream.schemas.Direction.INTERNAL, null)
        .event(io.callstream.schemas.CallEventType.STARTED, 0,
            b -> b.setExtension("101").setCrmCallId("externalCall.cb.1"))
        .ringing(1, "101")
        .ended(31, io.callstream.schemas.Disposition.NO_ANSWER, 0, null).build();
    List<BitrixCommand> c = plan(base(), events);
    assertThat(shape(c)).isEqualTo("SHOW[101] FINISH[101]304/0");
    assertThat(c).allSatisfy(x -> assertThat(x.getParams()).containsEntry("CALL_ID", "externalCall.cb.1"));
  }

  @Test
  void aCrmCallIdArrivingAfterTheCallWasSkippedStillGetsItFinished() {
    List<CallEvent> events = Lifecycles.call("pbx1", "pbx1/cb.2",
            io.callstream.schemas.Direction.INTERNAL, null)
        .started("101")
        .event(io.callstream.schemas.CallEventType.RINGING, 1,
            b -> b.setExtension("101").setCrmCallId("externalCall.cb.2"))
        .ended(20, io.callstream.schemas.Disposition.NO_ANSWER, 0, null).build();
    List<BitrixCommand> c = plan(base(), events);
    assertThat(shape(c)).isEqualTo("SHOW[101] FINISH[101]304/0");
    assertThat(c).allSatisfy(x -> assertThat(x.getParams()).containsEntry("CALL_ID", "externalCall.cb.2"));
  }

  @Test
  void aCrmStartedCallShowsItsCardToTheRingingAgentAtOnceAndHidesItWhenAnotherFinishes() {
    Map<String, String> m = base();
    List<CallEvent> events = Lifecycles.call("pbx1", "pbx1/cb.3",
            io.callstream.schemas.Direction.OUTBOUND, "+74957654321")
        .event(io.callstream.schemas.CallEventType.STARTED, 0,
            b -> b.setExtension("101").setCrmCallId("externalCall.cb.3"))
        .answered(4, "101").transferred(20, "101", "103")
        .ended(50, io.callstream.schemas.Disposition.ANSWERED, 46, "103").build();
    m.put("bitrix.transfer.mode", "single-call");
    List<BitrixCommand> c = plan(m, events);
    assertThat(shape(c)).isEqualTo("SHOW[101] SHOW[103] HIDE[101] FINISH[103]200/46");
    assertThat(c.get(0).getCommandId()).isEqualTo("pbx1/cb.3/0/0/SHOW");
  }

  @Test
  void internalCallsAreSkippedByDefault() {
    assertThat(plan(base(), Lifecycles.internal("pbx1", "pbx1/6.1"))).isEmpty();
  }

  private static Map<String, String> internalCalls() {
    Map<String, String> m = base();
    m.put("bitrix.internal.calls.skip", "false");
    return m;
  }

  @Test
  void internalCallIsTheCallersOutgoingCallToTheCalledExtensionFinishedByTheCaller() {
    List<BitrixCommand> c = plan(internalCalls(), Lifecycles.internal("pbx1", "pbx1/6.2"));
    assertThat(shape(c)).isEqualTo("REGISTER[101] FINISH[101]200/26");
    assertThat(c.get(0).getParams()).containsEntry("TYPE", "1").containsEntry("PHONE_NUMBER", "102")
        .containsEntry("SHOW", "1").containsEntry("CRM_CREATE", "0")
        .containsEntry("EXTERNAL_CALL_ID", "pbx1/6.2")
        .containsEntry("CALL_START_DATE", "2026-03-10T11:19:38+03:00")
        .doesNotContainKeys("LINE_NUMBER", "CRM_SOURCE", "USER_ID");
    assertThat(c.get(1).getParams()).doesNotContainKey("USER_ID").containsEntry("ADD_TO_CHAT", "0");
  }

  @Test
  void internalCallToARingGroupShowsNoCardToTheCalledAgentsAndIsNotSplitByATransfer() {
    List<CallEvent> events = Lifecycles.call("pbx1", "pbx1/6.3",
            io.callstream.schemas.Direction.INTERNAL, null)
        .started("101").ringing(1, "102").ringing(1, "103")
        .ringEnded(5, "102", "answered-elsewhere").answered(5, "103")
        .transferred(20, "103", "104").recording(21, "int-6.3.wav")
        .ended(40, io.callstream.schemas.Disposition.ANSWERED, 35, "104").build();
    List<BitrixCommand> c = plan(internalCalls(), events);
    assertThat(shape(c)).isEqualTo("REGISTER[101] FINISH[101]200/35 ATTACH_RECORD[]");
    assertThat(c.get(0).getParams()).containsEntry("PHONE_NUMBER", "102");
    assertThat(c).extracting(BitrixCommand::getLegId).containsOnly("pbx1/6.3");
  }

  @Test
  void unansweredInternalCallsTakeTheStatusOfAnOutgoingCall() {
    Map<io.callstream.schemas.Disposition, String> expected = Map.of(
        io.callstream.schemas.Disposition.NO_ANSWER, "304",
        io.callstream.schemas.Disposition.BUSY, "486",
        io.callstream.schemas.Disposition.ABANDONED, "603-S",
        io.callstream.schemas.Disposition.FAILED, "503");
    expected.forEach((disposition, status) -> {
      List<CallEvent> events = Lifecycles.call("pbx1", "pbx1/6.4." + disposition,
              io.callstream.schemas.Direction.INTERNAL, null)
          .started("101").ringing(1, "102").ended(15, disposition, 0, null).build();
      assertThat(shape(plan(internalCalls(), events))).as("%s", disposition)
          .isEqualTo("REGISTER[101] FINISH[101]" + status + "/0");
    });
  }

  @Test
  void internalCallThatRangNobodyUsesTheFinalExtensionOrIsDeadLetteredWithTheReason() {
    List<CallEvent> answeredAtOnce = Lifecycles.call("pbx1", "pbx1/6.5",
            io.callstream.schemas.Direction.INTERNAL, null)
        .started("101").ended(12, io.callstream.schemas.Disposition.ANSWERED, 10, "105").build();
    assertThat(shape(plan(internalCalls(), answeredAtOnce))).isEqualTo("REGISTER[101] FINISH[101]200/10");

    CallPlanner planner = new CallPlanner(SinkConfig.fromMap(internalCalls()));
    PlanState state = new PlanState();
    List<CallEvent> noCaller = Lifecycles.call("pbx1", "pbx1/6.6",
            io.callstream.schemas.Direction.INTERNAL, null)
        .started(null).ringing(1, "102").ringing(2, "103").ended(9,
            io.callstream.schemas.Disposition.NO_ANSWER, 0, null).build();
    assertThat(planner.apply(state, noCaller.get(0)).unmappableReason()).isEmpty();
    assertThat(planner.apply(state, noCaller.get(1)).unmappableReason()).get().asString()
        .contains("without a calling extension");
    assertThat(planner.apply(state, noCaller.get(2))).isEqualTo(PlanResult.of(List.of()));
    assertThat(planner.apply(state, noCaller.get(3))).isEqualTo(PlanResult.of(List.of()));
  }

  @Test
  void aCrmCallIdOnAnInternalLookingCallStillMakesItTheCrmsCallWhenInternalCallsAreDelivered() {
    List<CallEvent> events = Lifecycles.call("pbx1", "pbx1/cb.4",
            io.callstream.schemas.Direction.INTERNAL, null)
        .started("101")
        .event(io.callstream.schemas.CallEventType.RINGING, 1,
            b -> b.setExtension("102").setCrmCallId("externalCall.cb.4"))
        .ended(20, io.callstream.schemas.Disposition.NO_ANSWER, 0, null).build();
    List<BitrixCommand> c = plan(internalCalls(), events);
    assertThat(shape(c)).isEqualTo("SHOW[102] FINISH[102]304/0");
    assertThat(c).allSatisfy(x -> assertThat(x.getParams()).containsEntry("CALL_ID", "externalCall.cb.4"));
  }

  @Test
  void missedCallWithoutOwnerIsFinishedByTheFirstRingingAgentAndCardsHidden() {
    Map<String, String> m = base();
    m.remove("bitrix.portal.main.missed.owner.user.id");
    List<CallEvent> events = Lifecycles.call("pbx1", "pbx1/7.1",
            io.callstream.schemas.Direction.INBOUND, "+79990001122")
        .started(null).ringing(1, "101").ringing(1, "102")
        .ended(30, io.callstream.schemas.Disposition.NO_ANSWER, 0, null).build();
    assertThat(shape(plan(m, events))).isEqualTo("REGISTER[101] SHOW[102] HIDE[102] FINISH[101]304/0");
  }

  @Test
  void duplicateEventsAreIgnoredAndCommandIdsAreDeterministic() {
    List<CallEvent> events = new ArrayList<>(Lifecycles.queueRingAll("pbx1", "pbx1/8.1"));
    List<BitrixCommand> once = plan(base(), events);
    events.add(2, events.get(1));
    assertThat(plan(base(), events)).isEqualTo(once);
  }

  @Test
  void unknownPbxIsUnmappableWithAReason() {
    CallPlanner planner = new CallPlanner(SinkConfig.fromMap(base()));
    PlanResult r = planner.apply(new PlanState(), Lifecycles.inboundAnswered("pbx9", "pbx9/1").get(0));
    assertThat(r.unmappableReason()).get().asString().contains("pbx9");
  }
}
