package io.callstream.deploy.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.deploy.cli.CallstreamCommand;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Direction;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.OutcomeStatus;
import io.callstream.schemas.TimeSource;
import io.callstream.schemas.ami.AmiCapture;
import io.callstream.schemas.ami.RecordedCalls;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

@ExtendWith(KafkaBrokerExtension.class)
class InspectCommandIT {

  private static final String CALL = "office/1795485071.0";
  private static final Instant START = Instant.parse("2026-11-24T01:51:11.725Z");

  @Test
  void shouldShowTheCallsRawEventsLifecycleAndBitrixOutcomesAsOneTimeline(KafkaBroker kafka)
      throws Exception {
    ToolsFixture f = new ToolsFixture(kafka.bootstrapServers());
    f.send(f.topics.amiEvents(), "office", session("inbound_answered"));
    f.send(f.topics.amiEvents(), "office", session("outbound_answered"));
    f.send(f.topics.callLifecycle(), CALL, List.of(
        event(0, CallEventType.STARTED, null, 0), event(1, CallEventType.RINGING, "101", 1),
        event(2, CallEventType.ANSWERED, "101", 4), event(3, CallEventType.ENDED, null, 7)));
    f.send(f.topics.callSummary(), CALL, List.of(summary()));
    f.send(f.topics.bitrixOutcomes(), CALL, List.of(outcome(BitrixCommandKind.REGISTER),
        outcome(BitrixCommandKind.FINISH)));

    Run run = run("inspect", CALL, "--bootstrap-servers", kafka.bootstrapServers(),
        "--topic-prefix", f.prefix);

    assertThat(run.exit).as(run.err).isZero();
    assertThat(run.out).contains("INBOUND 79161234567, line 74951234567, ANSWERED")
        .contains("raw         Newchannel  Channel=PJSIP/trunk-00000000")
        .contains("raw         DialBegin").contains("DestChannel=PJSIP/101-")
        .contains("lifecycle   STARTED INBOUND number=79161234567")
        .contains("lifecycle   ENDED ANSWERED")
        .contains("bitrix24    FINISH APPLIED CALL_ID=externalCall.42")
        .doesNotContain("79991234567")
        .doesNotContain("raw         VarSet");
    assertThat(run.out.indexOf("lifecycle   STARTED")).isLessThan(run.out.indexOf("lifecycle   ENDED"));
  }

  @Test
  void shouldSayWhatToCheckWhenTheCallIsUnknown(KafkaBroker kafka) throws Exception {
    ToolsFixture f = new ToolsFixture(kafka.bootstrapServers());

    Run run = run("inspect", "office/1.2", "--bootstrap-servers", kafka.bootstrapServers(),
        "--topic-prefix", f.prefix);

    assertThat(run.exit).isEqualTo(1);
    assertThat(run.err).contains("No lifecycle or summary for office/1.2").contains("--topic-prefix");
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CallstreamCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  record Run(int exit, String out, String err) {
  }

  private static List<io.callstream.schemas.AmiEvent> session(String scenario) throws Exception {
    return AmiCapture.session(new ByteArrayInputStream(RecordedCalls.capture(scenario)), scenario,
        "office", "c-" + scenario, START).events();
  }

  private static CallEvent event(int seq, CallEventType type, String ext, int second) {
    CallEvent.Builder b = CallEvent.newBuilder().setCallId(CALL).setPbxId("office").setSequence(seq)
        .setType(type).setAt(START.plusSeconds(second)).setTimeSource(TimeSource.PBX)
        .setDirection(Direction.INBOUND).setExternalNumber("79161234567").setLine("74951234567")
        .setExtension(ext);
    if (type == CallEventType.ENDED) {
      b.setDisposition(Disposition.ANSWERED).setTalkMillis(3000L).setTotalMillis(7000L)
          .setFinalExtension("101");
    }
    return b.build();
  }

  private static CallSummary summary() {
    return CallSummary.newBuilder().setCallId(CALL).setPbxId("office").setDirection(Direction.INBOUND)
        .setExternalNumber("79161234567").setLine("74951234567").setExtension("101")
        .setRang(List.of("101")).setAnsweredBy("101").setFinalExtension("101")
        .setDisposition(Disposition.ANSWERED).setStartedAt(START).setAnsweredAt(START.plusSeconds(4))
        .setEndedAt(START.plusSeconds(7)).setTalkMillis(3000).setTotalMillis(7000)
        .setLinkedids(List.of("1795485071.0")).setTimeSource(TimeSource.PBX).build();
  }

  private static BitrixOutcome outcome(BitrixCommandKind kind) {
    return BitrixOutcome.newBuilder().setCommandId(CALL + "/" + kind).setPortalId("main")
        .setCallId(CALL).setLegId(CALL).setKind(kind).setStatus(OutcomeStatus.APPLIED)
        .setBitrixCallId("externalCall.42").setAttempts(1).setCompletedAt(START.plusSeconds(8))
        .build();
  }
}
