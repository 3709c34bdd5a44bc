package io.callstream.sink.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extension → Bitrix24 user id of one portal, from {@code user.get} ({@code UF_PHONE_INNER}),
 * read page by page (each page is one rate-limited request) and refreshed periodically. A failed,
 * empty or shrunken-to-nothing refresh keeps the last good map (contract §8 #15).
 */
final class UserDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);

  private final String portalId;
  private final Duration refreshEvery;
  private Map<String, Long> current = Map.of();
  private Map<String, Long> loading;
  private int nextStart;
  private long loadedAtMillis = Long.MIN_VALUE;
  private long retryAtMillis;

  UserDirectory(String portalId, Duration refreshEvery) {
    this.portalId = portalId;
    this.refreshEvery = refreshEvery;
  }

  Optional<Long> user(String extension) {
    return Optional.ofNullable(current.get(extension));
  }

  boolean loaded() {
    return loadedAtMillis != Long.MIN_VALUE;
  }

  /** True when a page must be requested before commands are sent. */
  boolean wantsPage(long nowMillis) {
    if (loading != null) {
      return true;
    }
    boolean due = !loaded() || nowMillis - loadedAtMillis >= refreshEvery.toMillis();
    if (due && nowMillis >= retryAtMillis) {
      loading = new HashMap<>();
      nextStart = 0;
      return true;
    }
    return false;
  }

  /** Parameters of the next {@code user.get} page. */
  Map<String, Object> pageRequest() {
    return Map.of("FILTER", Map.of("ACTIVE", true), "select",
        java.util.List.of("ID", "UF_PHONE_INNER"), "start", nextStart);
  }

  void acceptPage(JsonNode users, JsonNode envelope, long nowMillis) {
    for (JsonNode u : users) {
      String ext = u.path("UF_PHONE_INNER").asText("").trim();
      long id = u.path("ID").asLong(0);
      if (!ext.isEmpty() && id > 0) {
        loading.put(ext, id);
      }
    }
    JsonNode next = envelope.get("next");
    if (next != null && next.isNumber() && users.size() > 0) {
      nextStart = next.asInt();
      return;
    }
    if (loading.isEmpty() && !current.isEmpty()) {
      LOG.warn("portal {}: user.get returned no extensions; keeping the previous {} entries",
          portalId, current.size());
    } else {
      current = Map.copyOf(loading);
      LOG.info("portal {}: {} extensions mapped to Bitrix24 users", portalId, current.size());
    }
    loading = null;
    loadedAtMillis = nowMillis;
  }

  /** A page failed: keep the last good map and try again later. */
  void failRefresh(String reason, long nowMillis, long retryInMillis) {
    LOG.warn("portal {}: user.get refresh failed ({}); keeping the last {} entries, next try in {} ms",
        portalId, reason, current.size(), retryInMillis);
    loading = null;
    retryAtMillis = nowMillis + retryInMillis;
    if (!loaded() && !current.isEmpty()) {
      loadedAtMillis = nowMillis;
    }
  }
}
