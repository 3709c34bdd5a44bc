package io.callstream.producer.simulator;

import java.util.List;

/**
 * Where one stream of calls is in its replay: the captures back to back, pass after pass, each
 * frame rewritten for the stream's generation. Stream {@code s} uses its own generations and its
 * Timestamps run {@code s} stream-offsets later, so concurrent streams are different calls.
 * {@link #dueMicros()} says when the next frame is due on the stream's timeline (µs from the
 * stream's start, before the speed factor), so one thread can pace many streams.
 */
final class StreamCursor {

  private static final long GAP_BETWEEN_CAPTURES_MICROS = 1_000_000;

  private final int index;
  private final List<CaptureScript> scripts;
  private final SimulatorConfig config;
  private final long timelineStart;
  private final long rebase;
  private long cursor;
  private int loop;
  private int script;
  private int frame;
  private long shift;
  private LoopRewriter rewriter;
  private long due;

  /** @param rebase added to every Timestamp (moves the replay to the simulator's clock), or 0 */
  StreamCursor(int index, List<CaptureScript> scripts, SimulatorConfig config, long offsetMicros,
      long rebase) {
    this.index = index;
    this.scripts = scripts;
    this.config = config;
    this.rebase = rebase;
    this.timelineStart = scripts.get(0).startMicros() + (long) index * offsetMicros;
    this.cursor = timelineStart;
    skipEmpty();
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
    ScriptFrame out = rewriter.rewrite(scripts.get(script).frames().get(frame));
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
        rewriter = new LoopRewriter(generation, shift + rebase);
      }
      if (frame < s.frames().size()) {
        due = s.frames().get(frame).pbxMicros() + shift - timelineStart;
        return;
      }
      cursor = Math.max(cursor, s.startMicros() + shift + s.spanMicros()) + GAP_BETWEEN_CAPTURES_MICROS;
      rewriter = null;
      frame = 0;
      if (++script == scripts.size()) {
        script = 0;
        loop++;
      }
    }
  }
}
