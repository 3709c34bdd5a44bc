package io.callstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of one slow part, reduced to the methods most often on top of the sampled
 * stacks (our own and the libraries'), so the report can say where the time goes.
 */
final class Profiler {

  /** A measured value and the top frames seen while it was measured. */
  record Profiled<T>(T value, String topFrames) {
  }

  private static final int TOP = 6;

  private Profiler() {
  }

  static <T> Profiled<T> during(Callable<T> work) throws Exception {
    Path file = Files.createTempFile("callstream-bench", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
      recording.start();
      T value = work.call();
      recording.stop();
      recording.dump(file);
      return new Profiled<>(value, summarise(RecordingFile.readAllEvents(file)));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Two views of the execution samples: the methods most often on top of the stack (where CPU is
   * spent), and the innermost CallStream method of each stack (which of our code causes it).
   */
  static String summarise(List<RecordedEvent> events) {
    Map<String, Integer> top = new HashMap<>();
    Map<String, Integer> ours = new HashMap<>();
    int total = 0;
    for (RecordedEvent e : events) {
      if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      top.merge(name(frames.get(0)), 1, Integer::sum);
      frames.stream().filter(f -> name(f).startsWith("io.callstream.")).findFirst()
          .ifPresent(f -> ours.merge(name(f), 1, Integer::sum));
      total++;
    }
    if (total == 0) {
      return "no samples";
    }
    return "JFR, " + total + " samples; top frames: " + ranked(top, total)
        + "; innermost CallStream frames: " + ranked(ours, total);
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static String ranked(Map<String, Integer> counts, int total) {
    return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(TOP).map(e -> String.format(Locale.ROOT, "%.0f %% %s", 100.0 * e.getValue() / total, e.getKey()))
        .collect(Collectors.joining(", "));
  }
}
