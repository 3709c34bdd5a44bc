package io.callstream.deploy.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as ISO-8601 ({@code PT2M}), plain seconds ({@code 90}) or {@code 90s}/{@code 2m}. */
public final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    String v = value.trim();
    try {
      if (v.matches("\\d+")) {
        return Duration.ofSeconds(Long.parseLong(v));
      }
      if (v.matches("\\d+[smh]")) {
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      return Duration.parse(v);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a duration: use 90, 90s, 2m or PT2M");
    }
  }
}
