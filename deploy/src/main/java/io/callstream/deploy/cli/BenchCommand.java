package io.callstream.deploy.cli;

import io.callstream.bench.Bench;
import io.callstream.bench.BenchOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code callstream bench}: the pipeline measured against baselines run on the same machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure producer ingest, correlator throughput, card latency, memory per active "
        + "call, Bitrix24 requests per call and scale across PBXs, each beside a baseline measured in "
        + "the same run, on an embedded broker with simulated PBXs and the Bitrix24 emulator.",
        "Writes <output>.md and <output>.json and prints a summary. --quick takes about 5 minutes, "
        + "the full run up to 30."})
public final class BenchCommand implements Callable<Integer> {

  @Option(names = "--quick", description = "Smaller loads: the whole run in about 5 minutes.")
  boolean quick;

  @Option(names = "--latency-settings", description = "Instead of everything, measure card "
      + "latency under each step of the Streams settings ladder (linger, poll, commit interval), "
      + "from Kafka Streams' defaults to CallStream's.")
  boolean latencySettings;

  @Option(names = "--runs", defaultValue = "3", description = "Repetitions (median, min, max). Default: ${DEFAULT-VALUE}.")
  int runs;

  @Option(names = "--output", defaultValue = "bench-report", paramLabel = "PATH",
      description = "Report path without extension. Default: ${DEFAULT-VALUE}.")
  Path output;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Bench.run(options(), new PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8));
    return 0;
  }

  /** The bench's options from the parsed flags; a value out of range is a usage error (exit 2). */
  BenchOptions options() {
    try {
      BenchOptions options = BenchOptions.defaults(quick).withRuns(runs).withOutput(output);
      return latencySettings ? options.withLatencySettings() : options;
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
