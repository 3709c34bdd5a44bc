package io.callstream.producer.simulator;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** One stream of calls on its own thread, paced by the captures' Timestamp gaps ÷ the speed. */
final class ReplayStream implements Runnable {

  private final int index;
  private final List<CaptureScript> scripts;
  private final SimulatorConfig config;
  private final AmiSimulator simulator;
  private final long offsetMicros;

  ReplayStream(int index, List<CaptureScript> scripts, SimulatorConfig config,
      AmiSimulator simulator, long offsetMicros) {
    this.index = index;
    this.scripts = scripts;
    this.config = config;
    this.simulator = simulator;
    this.offsetMicros = offsetMicros;
  }

  @Override
  public void run() {
    try {
      simulator.awaitStart();
      StreamCursor stream = new StreamCursor(index, scripts, config, offsetMicros,
          clockStartMicros(simulator));
      long wallStart = System.nanoTime();
      while (stream.hasNext()) {
        pace(simulator, config, wallStart, stream.dueMicros());
        simulator.replay(stream.next());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      simulator.flushAll();
      simulator.streamFinished();
    }
  }

  /** The simulator's clock at the start of the replay, in epoch µs: where times from it begin. */
  static long clockStartMicros(AmiSimulator simulator) {
    return simulator.clock().millis() * 1000;
  }

  /** Waits until {@code timelineMicros} ÷ speed after {@code wallStart}; flushes before sleeping. */
  static void pace(AmiSimulator simulator, SimulatorConfig config, long wallStart, long timelineMicros)
      throws InterruptedException {
    if (config.speed() == 0) {
      return;
    }
    long due = wallStart + (long) (timelineMicros * 1000 / config.speed());
    long wait = due - System.nanoTime();
    if (wait > 200_000) {
      simulator.flushAll();
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
