package io.callstream.sink.emulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code time} object of success envelopes (contract §1.6), on the emulator's clock. */
final class TimeBlocks {

  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private final Clock clock;
  private final ZoneId zone;
  private final OperatingMeter meter;

  TimeBlocks(Clock clock, ZoneId zone, OperatingMeter meter) {
    this.clock = clock;
    this.zone = zone;
    this.meter = meter;
  }

  private static BigDecimal seconds(long millis) {
    return BigDecimal.valueOf(millis, 3);
  }

  long nowMillis() {
    return clock.millis();
  }

  Map<String, Object> block(String method, long startMillis, boolean withOperating) {
    long finish = Math.max(startMillis, clock.millis());
    Map<String, Object> t = new LinkedHashMap<>();
    // Plain decimals (1773130779.120), never Java's exponent form, as the portal prints them.
    t.put("start", seconds(startMillis));
    t.put("finish", seconds(finish));
    t.put("duration", seconds(finish - startMillis));
    t.put("processing", seconds(finish - startMillis));
    t.put("date_start", ISO.format(Instant.ofEpochMilli(startMillis).atZone(zone)));
    t.put("date_finish", ISO.format(Instant.ofEpochMilli(finish).atZone(zone)));
    if (withOperating && method != null) {
      t.put("operating_reset_at", meter.resetAt(method, finish));
      t.put("operating", meter.sum(method, finish));
    }
    return t;
  }
}
