package io.callstream.deploy.cli;

import io.callstream.correlator.replay.OfflineReplay;
import io.callstream.correlator.replay.ReplayInput;
import io.callstream.correlator.replay.ReplayOptions;
import io.callstream.correlator.replay.ReplayResult;
import io.callstream.deploy.tools.RawTopicSlice;
import io.callstream.deploy.tools.TopicScanner;
import io.callstream.schemas.AmiEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code callstream replay}: runs capture files, or a slice of the raw topic, through the
 * correlator's state machine offline and prints the lifecycle and one summary per call.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Run AMI capture files (each one AMI session, in order; the step between files "
        + "is a disconnect and reconnect), or a slice of the raw topic, through the correlator "
        + "offline and print the lifecycle events and one summary per call.",
        "Uses exactly the state machine the running correlator uses."})
public final class ReplayCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE.ami", arity = "0..*", description = "Capture files of one PBX, in order.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--format", defaultValue = "json",
      description = "json (one object per line) or table (for people). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--pbx-id", defaultValue = "pbx", description = "PBX id used in call ids. Default: ${DEFAULT-VALUE}.")
  String pbxId;

  @Option(names = "--preset", defaultValue = "auto",
      description = "Dialplan preset: auto, freepbx16 (FreePBX 13-16), freepbx17, asterisk. Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--trunk", paramLabel = "REGEX", description = "Trunk channel names (repeatable).")
  List<String> trunks = new ArrayList<>();

  @Option(names = "--extension", paramLabel = "REGEX",
      description = "Extension channel names, group 1 = the extension (repeatable).")
  List<String> extensions = new ArrayList<>();

  @Option(names = "--zone", defaultValue = "UTC", description = "Time zone of printed times. Default: ${DEFAULT-VALUE}.")
  ZoneId zone;

  @Option(names = "--from-topic", description = "Replay the raw topic's events of --pbx-id instead of files.")
  boolean fromTopic;

  @Option(names = "--from", paramLabel = "TIME", description = "With --from-topic: first record time (ISO-8601, e.g. 2026-11-24T01:50:00Z).")
  Instant from;

  @Option(names = "--to", paramLabel = "TIME", description = "With --from-topic: last record time.")
  Instant to;

  @Mixin
  KafkaOptions kafka;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (fromTopic != files.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give capture files, or --from-topic with --pbx-id, not both and not neither");
    }
    ReplayOptions options = new ReplayOptions(pbxId, preset, trunks, extensions, format, zone);
    OfflineReplay replay = new OfflineReplay(options.toConfig());
    ReplayResult result;
    if (fromTopic) {
      List<AmiEvent> events;
      try (TopicScanner scanner = new TopicScanner(kafka.kafkaProperties())) {
        PrintWriter err = spec.commandLine().getErr();
        events = RawTopicSlice.read(scanner, kafka.topics(), pbxId, from, to, n -> {
          err.println("  ... " + n + " raw records read");
          err.flush();
        });
      }
      result = replay.replayEvents(pbxId, events);
    } else {
      List<ReplayInput> inputs = new ArrayList<>();
      for (Path file : files) {
        if (!Files.isReadable(file)) {
          throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + file);
        }
        inputs.add(ReplayInput.of(file));
      }
      result = replay.replay(pbxId, inputs);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      options.formatter().print(result, stream);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(bytes.toString(StandardCharsets.UTF_8));
    out.flush();
    return 0;
  }
}
