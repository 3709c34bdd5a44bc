package io.callstream.producer.simulator;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One stream of calls: the captures back to back, pass after pass, paced by their Timestamp gaps
 * divided by the speed factor. Stream {@code s} starts {@code s} stream-offsets later and uses its
 * own generations, so concurrent streams are different calls.
 */
final class ReplayStream implements Runnable {

  private static final long GAP_BETWEEN_CAPTURES_MICROS = 1_000_000;

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
      long timelineStart = scripts.get(0).startMicros() + (long) index * offsetMicros;
      long cursor = timelineStart;
      long wallStart = System.nanoTime();
      long rebase = config.timesFromClock()
          ? simulator.clock().millis() * 1000 - scripts.get(0).startMicros() : 0;
      for (int loop = 0; config.loops() == 0 || loop < config.loops(); loop++) {
        for (CaptureScript script : scripts) {
          long generation = (long) loop * config.concurrentCalls() + index;
          long shift = generation == 0 ? 0 : cursor - script.startMicros();
          LoopRewriter rewriter = new LoopRewriter(generation, shift + rebase);
          for (ScriptFrame original : script.frames()) {
            pace(wallStart, original.pbxMicros() + shift - timelineStart);
            simulator.replay(rewriter.rewrite(original));
          }
          cursor = Math.max(cursor, script.startMicros() + shift + script.spanMicros())
              + GAP_BETWEEN_CAPTURES_MICROS;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      simulator.flushAll();
      simulator.streamFinished();
    }
  }

  private void pace(long wallStart, long timelineMicros) throws InterruptedException {
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
