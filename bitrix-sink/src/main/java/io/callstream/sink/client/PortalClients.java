package io.callstream.sink.client;

import io.callstream.sink.config.PortalAuth;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.config.SinkConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import okhttp3.OkHttpClient;

/**
 * One {@link BitrixClient} per configured portal. Everything in one process that talks to a
 * portal must share its client: an OAuth refresh rotates the refresh token, so a second
 * authenticator holding the old one would fail its next refresh.
 */
public final class PortalClients {

  private PortalClients() {
  }

  /**
   * @param onTokensRotated called with the portal id and the new OAuth pair after every refresh
   */
  public static Map<String, BitrixClient> create(SinkConfig config,
      BiConsumer<String, OAuthAuthenticator.Tokens> onTokensRotated) {
    OkHttpClient base = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(config.httpTimeout())
        .callTimeout(config.httpTimeout().plusSeconds(5))
        .build();
    BitrixErrorClassifier classifier = new BitrixErrorClassifier();
    Map<String, BitrixClient> clients = new HashMap<>();
    for (PortalConfig p : config.portals().values()) {
      SecretRedactor redactor = new SecretRedactor();
      p.events().applicationToken().ifPresent(redactor::register);
      Authenticator auth;
      if (p.auth() instanceof PortalAuth.Webhook w) {
        auth = new WebhookAuthenticator(w.url(), redactor);
      } else {
        PortalAuth.OAuth o = (PortalAuth.OAuth) p.auth();
        auth = new OAuthAuthenticator(o.restEndpoint(), o.tokenUrl(), o.clientId(), o.clientSecret(),
            new OAuthAuthenticator.Tokens(o.accessToken(), o.refreshToken()), base, redactor,
            t -> onTokensRotated.accept(p.id(), t));
      }
      clients.put(p.id(), new BitrixClient(p.id(), auth, base, classifier, redactor));
    }
    return Map.copyOf(clients);
  }
}
