package io.callstream.sink.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;

/** Puts a portal's credentials into requests. */
public interface Authenticator {

  /** The URL of {@code method} on this portal. */
  HttpUrl methodUrl(String method);

  /** Adds credentials that travel in the body (OAuth {@code auth}); webhooks add nothing. */
  void addTo(ObjectNode body);

  /**
   * Gets a new access token after {@code expired_token}.
   *
   * @throws BitrixException if refreshing is impossible or failed (a permanent problem)
   */
  void refresh() throws BitrixException;
}
