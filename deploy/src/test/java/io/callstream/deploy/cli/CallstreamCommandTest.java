package io.callstream.deploy.cli;

import static io.callstream.deploy.cli.ReplayCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.bench.BenchOptions;
import io.callstream.deploy.cli.ReplayCommandTest.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CallstreamCommandTest {

  private static final List<String> COMMANDS = List.of("demo", "run", "replay", "inspect", "capture",
      "dlq", "doctor", "bench");

  @Test
  void shouldListEveryCommandWithoutArguments() {
    Result r = run();

    assertThat(r.exit()).isZero();
    COMMANDS.forEach(c -> assertThat(r.out()).contains("  " + c + " "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"demo", "run", "replay", "inspect", "capture", "dlq", "doctor", "bench",
      "capture record", "capture publish", "dlq list", "dlq redrive"})
  void shouldExplainEveryCommandWithHelp(String command) {
    String[] args = (command + " --help").split(" ");

    Result r = run(args);

    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("Usage: callstream " + command);
  }

  @Test
  void shouldExitWith2OnAnUnknownCommandOrBadOption() {
    assertThat(run("frobnicate").exit()).isEqualTo(2);
    assertThat(run("bench", "--runs", "0").exit()).isEqualTo(2);
    assertThat(run("bench", "--runs", "0").err()).contains("--runs must be between 1 and");
    assertThat(run("demo", "--pbxs", "0").exit()).isEqualTo(2);
  }

  @Test
  void shouldMapTheBenchFlagsToItsOptions() {
    CommandLine cl = CallstreamCommand.commandLine();
    CommandLine.ParseResult parsed = cl.parseArgs("bench", "--latency-settings", "--quick",
        "--runs", "2", "--output", "ladder");
    BenchCommand bench = (BenchCommand) parsed.subcommand().commandSpec().userObject();

    BenchOptions options = bench.options();

    assertThat(options.latencySettings()).isTrue();
    assertThat(options.quick()).isTrue();
    assertThat(options.runs()).isEqualTo(2);
    assertThat(options.output()).isEqualTo(Path.of("ladder"));
    assertThat(((BenchCommand) CallstreamCommand.commandLine().parseArgs("bench").subcommand()
        .commandSpec().userObject()).options().latencySettings()).isFalse();
  }
}
