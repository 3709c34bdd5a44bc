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
record CaptureTimeline(long events, double spanSeconds, int captures) {

  /** The simulator leaves this much PBX time between one capture's end and the next one's start. */
  static final double GAP_BETWEEN_CAPTURES_SECONDS = 1;

  private static final Pattern TIMESTAMP = Pattern.compile("(?m)^Timestamp: *([0-9]+(?:\\.[0-9]+)?)");
  private static final Pattern EVENT = Pattern.compile("(?m)^Event:");
  private static final Pattern EVENT_NAME = Pattern.compile("(?m)^Event: *([A-Za-z]+)");

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
    return new CaptureTimeline(events, Math.max(span, 1), scenarios.size());
  }

  /** How many events of a capture come before the first event named in {@code names}. */
  static int eventsBefore(String scenario, java.util.Set<String> names) {
    String text = new String(RecordedCalls.capture(scenario), StandardCharsets.ISO_8859_1);
    Matcher e = EVENT_NAME.matcher(text);
    int n = 0;
    while (e.find() && !names.contains(e.group(1))) {
      n++;
    }
    return n;
  }

  /** PBX time of one pass over the captures, gaps between them included. */
  double passSeconds() {
    return spanSeconds + captures * GAP_BETWEEN_CAPTURES_SECONDS;
  }

  /** Events per second of one stream replayed at real time, pass after pass. */
  double eventsPerSecond() {
    return events / passSeconds();
  }
}
