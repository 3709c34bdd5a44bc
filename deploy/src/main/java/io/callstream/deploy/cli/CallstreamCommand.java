package io.callstream.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code callstream} command: a list of subcommands. */
@Command(name = "callstream", mixinStandardHelpOptions = true, version = "CallStream 0.1.0",
    description = "Event-sourced call-state engine: Asterisk/FreePBX AMI to Bitrix24 over Kafka.",
    subcommands = {DemoCommand.class, CommandLine.HelpCommand.class},
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
    return new CommandLine(new CallstreamCommand());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
