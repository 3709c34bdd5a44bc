package io.callstream.deploy.cli;

import io.callstream.deploy.tools.CallInspector;
import io.callstream.deploy.tools.CallInspector.CallReport;
import io.callstream.deploy.tools.TimelineEntry;
import io.callstream.deploy.tools.TopicScanner;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.topics.Topics;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code callstream inspect CALL_ID}: one call's raw events, lifecycle and Bitrix24 outcomes. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show one call as a timeline: its raw AMI events, its lifecycle and what "
        + "Bitrix24 answered, read from the topics.")
public final class InspectCommand implements Callable<Integer> {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  @Parameters(paramLabel = "CALL_ID", description = "The call id: pbxId/Uniqueid of its anchor channel.")
  String callId;

  @Option(names = "--all", description = "Also show dialplan noise (VarSet, Newexten).")
  boolean all;

  @Mixin
  KafkaOptions kafka;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Topics topics = kafka.topics();
    CallReport report;
    try (TopicScanner scanner = new TopicScanner(kafka.kafkaProperties())) {
      report = new CallInspector(scanner, topics, line -> {
        err.println("  ... " + line);
        err.flush();
      }).inspect(callId, all);
    }
    if (!report.found()) {
      err.printf("No lifecycle or summary for %s on %s / %s. Check the id (pbxId/Uniqueid of "
          + "the anchor channel, as 'replay' and the CRM show it) and --topic-prefix.%n", callId,
          topics.callLifecycle().name(), topics.callSummary().name());
      return 1;
    }
    print(report, out);
    return 0;
  }

  private void print(CallReport report, PrintWriter out) {
    CallSummary s = report.summary();
    out.printf("Call %s%n", report.callId());
    if (s != null) {
      out.printf("  %s %s, line %s, %s; rang %s; answered by %s; final %s; talk %.1f s, total %.1f s%n",
          s.getDirection(), s.getExternalNumber(), s.getLine(), s.getDisposition(), s.getRang(),
          s.getAnsweredBy(), s.getFinalExtension(), s.getTalkMillis() / 1000.0,
          s.getTotalMillis() / 1000.0);
    } else {
      out.println("  (no summary yet: the call may still be in progress)");
    }
    out.printf("  %d lifecycle events; %d raw events of this call among %d read%s%n%n",
        report.lifecycleEvents(), report.rawEventsOfCall(), report.rawEventsInWindow(),
        all ? "" : " (VarSet/Newexten hidden; --all shows them)");
    for (TimelineEntry e : report.timeline()) {
      out.printf("%s  %-11s %s%n", TIME.format(e.at()), e.source(), e.text());
    }
    out.flush();
  }
}
