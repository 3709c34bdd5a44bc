package io.callstream.sink.crm;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.client.ErrorClass;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bitrix24 user id → the agent's extension ({@code UF_PHONE_INNER}) of one portal, asked with
 * {@code user.get} for that one user and cached. The dispatcher's directory maps the other way
 * and is loaded page by page on the dispatcher thread only when lifecycle traffic flows; a click
 * must resolve on a quiet sink too, and one small request per uncached agent is cheaper than
 * loading every user.
 */
final class AgentLookup {

  /** The outcome of a lookup. */
  sealed interface Result {
    record Found(String extension) implements Result {
    }

    /** The user cannot make calls from the PBX (reason for the dead letter). */
    record Missing(String reason) implements Result {
    }

    /** Bitrix24 did not answer usefully; try again later. */
    record Unavailable(String reason) implements Result {
    }
  }

  private record Cached(String extension, long atMillis) {
  }

  private final BitrixClient client;
  private final BoundedCalls calls;
  private final Duration ttl;
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  AgentLookup(BitrixClient client, BoundedCalls calls, Duration ttl) {
    this.client = client;
    this.calls = calls;
    this.ttl = ttl;
  }

  Result extension(long userId, long nowMillis) throws InterruptedException {
    Cached c = cache.get(userId);
    if (c != null && nowMillis - c.atMillis() < ttl.toMillis()) {
      return new Result.Found(c.extension());
    }
    BitrixReply reply = calls.call(client, "user.get", Map.of(
        "FILTER", Map.of("ID", userId, "ACTIVE", true),
        "select", List.of("ID", "ACTIVE", "UF_PHONE_INNER")), true);
    if (reply instanceof BitrixReply.Failure f) {
      return f.errorClass() == ErrorClass.PERMANENT
          ? new Result.Missing("user.get for user " + userId + " failed: " + f.error())
          : new Result.Unavailable("user.get for user " + userId + " failed: " + f.error());
    }
    for (JsonNode u : ((BitrixReply.Success) reply).result()) {
      if (u.path("ID").asLong(0) != userId) {
        continue;
      }
      if (!u.path("ACTIVE").asBoolean(true)) {
        return new Result.Missing("Bitrix24 user " + userId + " is not active");
      }
      String ext = u.path("UF_PHONE_INNER").asText("").trim();
      if (ext.isEmpty()) {
        return new Result.Missing("Bitrix24 user " + userId + " has no extension (UF_PHONE_INNER)");
      }
      if (!PbxValues.extension(ext)) {
        return new Result.Missing("extension " + PbxValues.show(ext) + " of Bitrix24 user "
            + userId + " is not 1-16 characters of 0-9 A-Z a-z * #");
      }
      cache.put(userId, new Cached(ext, nowMillis));
      return new Result.Found(ext);
    }
    return new Result.Missing("Bitrix24 user " + userId + " does not exist or is not active");
  }
}
