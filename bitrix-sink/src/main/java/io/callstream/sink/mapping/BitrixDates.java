package io.callstream.sink.mapping;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * CALL_START_DATE always carries an explicit UTC offset: a date without one is read in the
 * portal's time zone and shifts call times (contract §8 #11).
 */
public final class BitrixDates {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private BitrixDates() {
  }

  public static String format(long epochMillis, ZoneId zone) {
    return FORMAT.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
  }
}
