package io.callstream.sink.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/** The {@code operating} budget figures of a {@code time} block (contract §2.2), when present. */
public record OperatingTime(double operatingSeconds, OptionalLong resetAtEpochSeconds) {

  public static final OperatingTime NONE = new OperatingTime(0, OptionalLong.empty());

  public static OperatingTime from(JsonNode time) {
    if (time == null || !time.isObject()) {
      return NONE;
    }
    JsonNode reset = time.get("operating_reset_at");
    return new OperatingTime(time.path("operating").asDouble(0),
        reset == null || !reset.isNumber() ? OptionalLong.empty() : OptionalLong.of(reset.asLong()));
  }
}
