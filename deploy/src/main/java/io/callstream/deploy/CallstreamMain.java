package io.callstream.deploy;

import io.callstream.deploy.cli.CallstreamCommand;
import picocli.CommandLine;

/** Entry point of the {@code callstream} command; only wires the command line. */
public final class CallstreamMain {

  private CallstreamMain() {
  }

  /**
   * The JDK's HttpServer serves the ops endpoints, the demo page, the Bitrix24 event handler and
   * the emulator. Without TCP_NODELAY it sends an answer's headers and body as two segments and
   * waits for the client's delayed ACK in between (40 ms on Linux), which the demo's cards showed.
   * It is read once, when the first server starts, so it is set before anything runs.
   */
  private static final String HTTP_SERVER_NODELAY = "sun.net.httpserver.nodelay";

  public static void main(String[] args) {
    if (System.getProperty(HTTP_SERVER_NODELAY) == null) {
      System.setProperty(HTTP_SERVER_NODELAY, "true");
    }
    System.exit(CallstreamCommand.commandLine().execute(args));
  }
}
