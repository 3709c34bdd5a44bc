package io.callstream.deploy;

import io.callstream.deploy.cli.CallstreamCommand;
import picocli.CommandLine;

/** Entry point of the {@code callstream} command; only wires the command line. */
public final class CallstreamMain {

  private CallstreamMain() {
  }

  public static void main(String[] args) {
    System.exit(CallstreamCommand.commandLine().execute(args));
  }
}
