package io.callstream.sink.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed, validating reads from a flat key/value map; every failure names the key and the fix. */
final class ConfigReader {

  private final Map<String, String> values;

  ConfigReader(Map<String, String> values) {
    this.values = values;
  }

  Optional<String> optional(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  String required(String key, String fix) {
    return optional(key).orElseThrow(() -> new ConfigException(key, "is required but not set", fix));
  }

  String string(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  List<String> list(String key, String fix) {
    return Arrays.stream(required(key, fix).split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }

  long positiveLong(String key, long defaultValue) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(v.get());
      if (parsed <= 0) {
        throw new ConfigException(key, "is " + parsed, "use a whole number greater than 0");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + v.get() + "' is not a whole number",
          "use a whole number greater than 0, e.g. " + defaultValue);
    }
  }

  double positiveDouble(String key, double defaultValue) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      double parsed = Double.parseDouble(v.get());
      if (!(parsed > 0) || Double.isInfinite(parsed)) {
        throw new ConfigException(key, "is " + v.get(), "use a number greater than 0");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + v.get() + "' is not a number",
          "use a number greater than 0, e.g. " + defaultValue);
    }
  }

  boolean bool(String key, boolean defaultValue) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    return switch (v.get().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new ConfigException(key, "'" + v.get() + "' is not a boolean",
          "use true or false");
    };
  }

  Optional<Long> userId(String key) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!v.get().matches("[1-9][0-9]{0,9}")) {
      throw new ConfigException(key, "'" + v.get() + "' is not a Bitrix24 user id",
          "use the numeric ID of an active employee (see user.get)");
    }
    return Optional.of(Long.parseLong(v.get()));
  }

  int port(String key, int defaultValue) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    if (!v.get().matches("[0-9]{1,5}") || Integer.parseInt(v.get()) > 65_535) {
      throw new ConfigException(key, "'" + v.get() + "' is not a TCP port",
          "use 1-65535, or 0 for any free port");
    }
    return Integer.parseInt(v.get());
  }

  ZoneId zone(String key) {
    String v = string(key, "UTC");
    try {
      return ZoneId.of(v);
    } catch (DateTimeException e) {
      throw new ConfigException(key, "'" + v + "' is not a time zone",
          "use a region id such as Europe/Moscow or an offset such as +03:00");
    }
  }
}
