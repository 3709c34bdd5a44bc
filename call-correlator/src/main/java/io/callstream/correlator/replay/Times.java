package io.callstream.correlator.replay;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** ISO-8601 with milliseconds and an explicit offset, e.g. 2026-11-24T01:51:11.725+00:00. */
final class Times {

  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern(
      "uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

  private Times() {
  }

  static String format(Instant instant, ZoneId zone) {
    return instant == null ? null : ISO.format(instant.atZone(zone));
  }

  /** Milliseconds as seconds with three decimals. */
  static java.math.BigDecimal seconds(Long millis) {
    return millis == null ? null : java.math.BigDecimal.valueOf(millis, 3);
  }
}
