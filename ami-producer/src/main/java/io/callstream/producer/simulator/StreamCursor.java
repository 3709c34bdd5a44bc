package io.callstream.producer.simulator;

import java.util.List;

/**
 * Where one stream of calls is in its replay: the captures back to back, pass after pass, each
 * frame rewritten for the stream's generation. Stream {@code s} uses its own generations, so
 * concurrent streams are different calls. {@link #dueMicros()} says when the next frame is due on
 * the stream's timeline (µs from the stream's start, before the speed factor), so one thread can
 * pace many streams.
 *
 * <p>The cursor also says how each frame is stamped. With times from the clock and a speed, a
 * frame's Timestamp is the clock's time at the start of the replay plus its due time ÷ speed:
 * when it is sent, as a live PBX in fast-forward would stamp it, so calls become speed times
 * shorter in their stamps too and the simulated clock keeps real time. Otherwise (captured times
 * kept, or speed 0, which has no real-time position) a generation keeps the capture's spacing:
 * its Timestamps run {@code s} stream-offsets later and, with times from the clock, are moved
 * together so the replay starts at the clock.
 */
final class StreamCursor {

  private static final long GAP_BETWEEN_CAPTURES_MICROS = 1_000_000;

  private final int index;
  private final List<CaptureScript> scripts;
  private final SimulatorConfig config;
  private final long timelineStart;
  private final boolean stampedWhenDue;
  private final long clockStart;
  private final long rebase;
  private long cursor;
  private int loop;
  private int script;
  /** Captures finished so far; a pass is done after every capture, whichever came first. */
  private long played;
  private int frame;
  /** Moves the current capture's times onto the stream's timeline (this generation's place). */
  private long shift;
  private LoopRewriter rewriter;
  private long due;
  /** What the next frame's Timestamp is moved by: where it is stamped. */
  private long stampShift;

  /**
   * @param clockStartMicros the simulator's clock when the replay starts (epoch µs); unused when
   *     the captured times are kept
   */
  StreamCursor(int index, List<CaptureScript> scripts, SimulatorConfig config, long offsetMicros,
      long clockStartMicros) {
    this.index = index;
    this.scripts = scripts;
    this.config = config;
    this.stampedWhenDue = config.timesFromClock() && config.speed() > 0;
    this.clockStart = clockStartMicros;
    this.rebase = config.timesFromClock() ? clockStartMicros - scripts.get(0).startMicros() : 0;
    this.timelineStart = scripts.get(0).startMicros() + (long) index * offsetMicros;
    this.cursor = timelineStart;
    this.script = firstCapture(index, scripts.size(), config.concurrentCalls());
    skipEmpty();
  }

  /**
   * Concurrent streams start at captures spread over the list, so they play different calls at
   * any moment instead of the same call in lockstep (one caller ringing one agent N times at once
   * is no traffic a PBX sees); stream 0 starts at the first capture.
   */
  static int firstCapture(int index, int captures, int streams) {
    return (int) ((long) index * captures / streams % captures);
  }

  int index() {
    return index;
  }

  boolean hasNext() {
    return config.loops() == 0 || loop < config.loops();
  }

  /** When the next frame is due, in µs of timeline since the stream started. */
  long dueMicros() {
    return due;
  }

  /** The next frame as this stream sends it; moves on. */
  ScriptFrame next() {
    ScriptFrame out = rewriter.rewrite(scripts.get(script).frames().get(frame), stampShift);
    frame++;
    skipEmpty();
    return out;
  }

  /** Steps over finished captures (and passes) until a frame is due or all passes are made. */
  private void skipEmpty() {
    while (hasNext()) {
      CaptureScript s = scripts.get(script);
      if (frame == 0 && rewriter == null) {
        long generation = (long) loop * config.concurrentCalls() + index;
        shift = generation == 0 ? 0 : cursor - s.startMicros();
        rewriter = new LoopRewriter(generation);
      }
      if (frame < s.frames().size()) {
        long captured = s.frames().get(frame).pbxMicros();
        due = captured + shift - timelineStart;
        stampShift = stampedWhenDue ? clockStart + (long) (due / config.speed()) - captured : shift + rebase;
        return;
      }
      cursor = Math.max(cursor, s.startMicros() + shift + s.spanMicros()) + GAP_BETWEEN_CAPTURES_MICROS;
      rewriter = null;
      frame = 0;
      script = (script + 1) % scripts.size();
      loop = (int) (++played / scripts.size());
    }
  }
}
