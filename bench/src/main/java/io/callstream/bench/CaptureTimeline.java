package io.callstream.bench;

import io.callstream.schemas.ami.RecordedCalls;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Events and PBX-time span of the recorded captures, to choose the simulator speed that gives a
 * wanted event rate (the simulator paces by the captures' Timestamp gaps ÷ speed).
 */
record CaptureTimeline(long events, double spanSeconds) {

  private static final Pattern TIMESTAMP = Pattern.compile("(?m)^Timestamp: *([0-9]+(?:\\.[0-9]+)?)");
  private static final Pattern EVENT = Pattern.compile("(?m)^Event:");

  static CaptureTimeline of(List<String> scenarios) {
    long events = 0;
    double span = 0;
    for (String name : scenarios) {
      String text = new String(RecordedCalls.capture(name), StandardCharsets.ISO_8859_1);
      Matcher e = EVENT.matcher(text);
      while (e.find()) {
        events++;
      }
      double min = Double.MAX_VALUE;
      double max = 0;
      Matcher t = TIMESTAMP.matcher(text);
      while (t.find()) {
        double v = Double.parseDouble(t.group(1));
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      span += max > min ? max - min : 0;
    }
    return new CaptureTimeline(events, Math.max(span, 1));
  }

  /** Events per second of one stream replayed at real time. */
  double eventsPerSecond() {
    return events / spanSeconds;
  }
}
