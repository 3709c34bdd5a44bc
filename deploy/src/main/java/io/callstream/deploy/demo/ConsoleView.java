package io.callstream.deploy.demo;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The demo's console: one status line every few seconds, plus the board's per-call lines. */
public final class ConsoleView implements AutoCloseable {

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "demo-console");
    t.setDaemon(true);
    return t;
  });
  private final PrintWriter out;

  public ConsoleView(PrintWriter out) {
    this.out = out;
  }

  /** Prints one line (thread-safe). */
  public synchronized void line(String text) {
    out.println(text);
    out.flush();
  }

  public void start(CallBoard board, long periodSeconds) {
    timer.scheduleAtFixedRate(() -> line(status(board.snapshot())), periodSeconds, periodSeconds,
        TimeUnit.SECONDS);
  }

  public static String status(BoardSnapshot s) {
    return String.format("events in %d (%.0f/s) | calls active %d, ended %d | Bitrix24 commands %d"
        + " (%.1f/s) in %d requests | dead letters %d", s.rawEvents(), s.rawEventsPerSecond(),
        s.activeCalls(), s.endedCalls(), s.bitrixCommands(), s.bitrixCommandsPerSecond(),
        s.bitrixRequests(), s.deadLetters());
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
