package io.callstream.deploy.cli;

import io.callstream.deploy.tools.DeadLetterListing;
import io.callstream.deploy.tools.DeadLetterListing.Entry;
import io.callstream.deploy.tools.TopicScanner;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.deadletter.DeadLetters;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code callstream dlq list|redrive}: Bitrix24 commands that failed permanently. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
    description = "List or re-drive the Bitrix24 dead letters (crm.bitrix.dead-letter).",
    subcommands = {DlqCommand.List.class, DlqCommand.Redrive.class})
public final class DlqCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Filters shared by both subcommands. */
  static final class Filter {
    @Option(names = "--call", paramLabel = "CALL_ID", description = "Only this call's dead letters.")
    String callId;

    @Option(names = "--portal", paramLabel = "PORTAL", description = "Only this portal's dead letters.")
    String portalId;
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List dead letters, oldest first.")
  static final class List implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @CommandLine.ArgGroup(exclusive = false)
    Filter filter = new Filter();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      java.util.List<Entry> entries = read(kafka, filter);
      for (Entry e : entries) {
        out.printf("%s  %s  portal=%s  call=%s  %s  [%s] %s%n", e.position(),
            e.deadLetter().getFailedAt(), e.portalId(), e.deadLetter().getCallId(),
            e.deadLetter().getCommand() == null ? "(no command)" : e.deadLetter().getCommand().getKind(),
            e.deadLetter().getErrorClass(), e.deadLetter().getReason());
      }
      out.printf("%d dead letter(s)%n", entries.size());
      out.flush();
      return 0;
    }
  }

  @Command(name = "redrive", mixinStandardHelpOptions = true,
      description = "Send dead-lettered commands to the sink again (crm.bitrix.commands). Safe to "
          + "repeat: the sink skips what Bitrix24 already applied.")
  static final class Redrive implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @CommandLine.ArgGroup(exclusive = false)
    Filter filter = new Filter();

    @Option(names = "--all", description = "Re-drive every dead letter (needed when no filter is given).")
    boolean all;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (!all && filter.callId == null && filter.portalId == null) {
        spec.commandLine().getErr().println("Say what to re-drive: --call CALL_ID, --portal PORTAL or --all.");
        return 2;
      }
      java.util.List<Entry> entries = read(kafka, filter);
      Topics topics = kafka.topics();
      Properties props = new Properties();
      props.putAll(kafka.kafkaProperties());
      int sent = DeadLetters.redrive(topics, props, d -> (filter.callId == null
          || filter.callId.equals(d.getCallId())) && (filter.portalId == null
          || d.getCommand() != null && filter.portalId.equals(d.getCommand().getPortalId())));
      long withoutCommand = entries.stream().filter(e -> e.deadLetter().getCommand() == null).count();
      out.printf("Re-drove %d command(s) to %s; %d dead letter(s) had no command to re-send "
          + "(fix the cause, e.g. the user map, and replay the call).%n", sent,
          topics.bitrixCommands().name(), withoutCommand);
      out.flush();
      return 0;
    }
  }

  private static java.util.List<Entry> read(KafkaOptions kafka, Filter filter) {
    try (TopicScanner scanner = new TopicScanner(kafka.kafkaProperties())) {
      return DeadLetterListing.list(scanner, kafka.topics(), filter.callId, filter.portalId);
    }
  }
}
