package io.callstream.sink.client;

import java.util.Map;

/** One command of a {@code batch}: its key in the result maps, the method and its parameters. */
public record BatchCommand(String key, String method, Map<String, Object> params) {
}
