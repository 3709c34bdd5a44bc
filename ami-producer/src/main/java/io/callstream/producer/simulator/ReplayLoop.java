package io.callstream.producer.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * All streams of a simulator on one thread: an event loop that always sends the frame due
 * first (ties by stream number), paced like {@link ReplayStream}. Thousands of concurrent calls
 * then cost one thread instead of thousands; at speed 0 the streams' frames interleave in
 * timeline order.
 */
final class ReplayLoop implements Runnable {

  private final List<CaptureScript> scripts;
  private final SimulatorConfig config;
  private final AmiSimulator simulator;
  private final long offsetMicros;

  ReplayLoop(List<CaptureScript> scripts, SimulatorConfig config, AmiSimulator simulator,
      long offsetMicros) {
    this.scripts = scripts;
    this.config = config;
    this.simulator = simulator;
    this.offsetMicros = offsetMicros;
  }

  @Override
  public void run() {
    int unfinished = config.concurrentCalls();
    try {
      simulator.awaitStart();
      long clockStart = ReplayStream.clockStartMicros(simulator);
      PriorityQueue<StreamCursor> due = new PriorityQueue<>(
          Comparator.comparingLong(StreamCursor::dueMicros).thenComparingInt(StreamCursor::index));
      List<StreamCursor> all = new ArrayList<>();
      for (int i = 0; i < config.concurrentCalls(); i++) {
        all.add(new StreamCursor(i, scripts, config, offsetMicros, clockStart));
      }
      for (StreamCursor s : all) {
        if (s.hasNext()) {
          due.add(s);
        } else {
          unfinished = finished(unfinished);
        }
      }
      long wallStart = System.nanoTime();
      while (!due.isEmpty()) {
        StreamCursor s = due.poll();
        ReplayStream.pace(simulator, config, wallStart, s.dueMicros());
        simulator.replay(s.next());
        if (s.hasNext()) {
          due.add(s);
        } else {
          unfinished = finished(unfinished);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      simulator.flushAll();
      while (unfinished > 0) {
        unfinished = finished(unfinished);
      }
    }
  }

  private int finished(int unfinished) {
    simulator.streamFinished();
    return unfinished - 1;
  }
}
