package io.callstream.deploy.cli;

import io.callstream.deploy.demo.BoardFeeder;
import io.callstream.deploy.demo.CallBoard;
import io.callstream.deploy.demo.ConsoleView;
import io.callstream.deploy.demo.DemoPipeline;
import io.callstream.deploy.demo.DemoWebServer;
import io.callstream.deploy.demo.Reconciliation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code callstream demo}: the whole pipeline in one JVM on an embedded Kafka broker, fed by AMI
 * simulators replaying the recorded calls in a loop, delivering to the Bitrix24 emulator. Stops on
 * Ctrl-C or after {@code --duration}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole pipeline locally in this JVM: embedded Kafka (KRaft, 127.0.0.1),"
        + " AMI simulators replaying 18 recorded FreePBX calls in a loop (new call ids every loop),"
        + " the producer, the correlator, the sink and the Bitrix24 emulator.",
        "Shows the calls on the console and on a read-only web page. Stops on Ctrl-C or after --duration."})
public final class DemoCommand implements Callable<Integer> {

  private static final Duration SETTLE = Duration.ofSeconds(30);

  @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Stop after this long (90, 90s, 2m or PT2M). Default: until Ctrl-C.")
  Duration duration;

  // Real-time calls by default (talk times as recorded); the concurrent streams make the traffic.
  @Option(names = "--speed", paramLabel = "FACTOR", defaultValue = "1",
      description = "Replay speed as a multiple of real time (1 = as recorded; at X the calls are X"
          + " times shorter). Default: ${DEFAULT-VALUE}.")
  double speed;

  @Option(names = "--pbxs", paramLabel = "N", defaultValue = "1",
      description = "Number of simulated PBXs. Default: ${DEFAULT-VALUE}.")
  int pbxCount;

  @Option(names = "--concurrent-calls", paramLabel = "N", defaultValue = "8",
      description = "Recorded call streams each PBX replays at once. Default: ${DEFAULT-VALUE}.")
  int concurrentCalls;

  @Option(names = "--web-port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port of the web page on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int webPort;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (pbxCount < 1 || pbxCount > 200 || concurrentCalls < 1 || speed <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--pbxs must be 1..200, --concurrent-calls at least 1 and --speed above 0");
    }
    ConsoleView console = new ConsoleView(out);
    console.line("Starting the CallStream demo: embedded Kafka, Bitrix24 emulator, " + pbxCount
        + " simulated PBX(s) at " + speed + "x, producer, correlator, sink...");
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    // Ctrl-C: ask the main thread to stop, and keep the JVM alive until it has closed everything.
    Thread hook = new Thread(() -> {
      stop.countDown();
      awaitQuietly(stopped, SETTLE.plusSeconds(30));
    }, "demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (DemoPipeline demo = DemoPipeline.start(
            new DemoPipeline.Options(pbxCount, speed, concurrentCalls), new SimpleMeterRegistry())) {
      CallBoard board = new CallBoard(Clock.systemUTC(), console::line,
          () -> demo.emulator().ledger().requests());
      run(demo, board, console, stop);
    } finally {
      if (stop.getCount() > 0) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
      out.println("Stopped.");
      out.flush();
      stopped.countDown();
    }
    return 0;
  }

  private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
    try {
      latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run(DemoPipeline demo, CallBoard board, ConsoleView console, CountDownLatch stop)
      throws Exception {
    try (BoardFeeder feeder = new BoardFeeder(demo.bootstrapServers(), demo.topics(), board);
        DemoWebServer web = startWeb(board);
        console) {
      feeder.start();
      console.start(board, 5);
      console.line("Kafka:     " + demo.bootstrapServers() + " (topics " + demo.topics().amiEvents().name()
          + ", " + demo.topics().callLifecycle().name() + ", ...)");
      console.line("Bitrix24:  emulator at " + demo.emulator().baseUrl() + " (ledger: "
          + demo.emulator().baseUrl() + "/emulator/ledger)");
      console.line("Web page:  " + web.url());
      console.line(duration == null ? "Running; press Ctrl-C to stop. Finished calls appear below."
          : "Running for " + duration.toSeconds() + " s (Ctrl-C stops earlier). Finished calls appear below.");
      if (duration == null) {
        stop.await();
      } else {
        stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
      }
      console.line("Stopping the simulated PBXs; letting the pipeline finish what they sent...");
      demo.stopSimulators();
      Reconciliation check = settle(demo, board);
      console.line(ConsoleView.status(board.snapshot()));
      console.line(check.line());
    }
  }

  /** Waits (bounded) until the emulator holds every call the correlator ended, then checks it. */
  private static Reconciliation settle(DemoPipeline demo, CallBoard board) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    Reconciliation check = Reconciliation.of(board.endedCalls(), demo.emulator().ledger());
    while (!check.allCorrect() && System.nanoTime() < deadline) {
      Thread.sleep(500);
      check = Reconciliation.of(board.endedCalls(), demo.emulator().ledger());
    }
    return check;
  }

  private DemoWebServer startWeb(CallBoard board) throws Exception {
    try {
      return DemoWebServer.start(webPort, board);
    } catch (BindException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "port " + webPort
          + " on 127.0.0.1 is in use: pass --web-port 0 (any free port) or another port");
    }
  }
}
