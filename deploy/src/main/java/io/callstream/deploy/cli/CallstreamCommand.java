package io.callstream.deploy.cli;

import io.callstream.deploy.config.ConfigErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code callstream} command: a list of subcommands. */
@Command(name = "callstream", mixinStandardHelpOptions = true, version = "CallStream 0.1.0",
    description = "Event-sourced call-state engine: Asterisk/FreePBX AMI to Bitrix24 over Kafka.",
    subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, InspectCommand.class,
        CaptureCommand.class, DlqCommand.class, DoctorCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:the command failed (the message says why)",
        "2:invalid command line or configuration"})
public final class CallstreamCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  /** The configured command line, shared by {@code main} and the tests. */
  public static CommandLine commandLine() {
    return configure(new CommandLine(new CallstreamCommand()));
  }

  /** Error handling shared by every way the command line is built (tests build their own). */
  public static CommandLine configure(CommandLine cli) {
    return cli.setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler((e, commandLine, parsed) -> {
          if (ConfigErrors.isConfigError(e)) {
            commandLine.getErr().println("callstream: configuration error: " + e.getMessage());
            return 2;
          }
          commandLine.getErr().println("callstream " + commandLine.getCommandName() + ": "
              + e.getMessage());
          return 1;
        });
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
