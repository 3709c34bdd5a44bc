package io.callstream.sink.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A {@code batch} that the server executed: per-command results and errors by key. With
 * {@code halt=1}, keys in neither map were not executed.
 */
public record BatchReply(Map<String, JsonNode> results, Map<String, BitrixError> errors,
    Map<String, OperatingTime> times) {
}
