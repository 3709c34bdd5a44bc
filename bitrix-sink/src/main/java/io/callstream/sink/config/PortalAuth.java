package io.callstream.sink.config;

/** How the sink authenticates against one portal. */
public sealed interface PortalAuth {

  /** Incoming webhook: {@code https://portal/rest/{userId}/{code}} (the code is a secret). */
  record Webhook(String url) implements PortalAuth {
    @Override
    public String toString() {
      return "Webhook[url=" + io.callstream.sink.client.SecretRedactor.redactWebhookPath(url) + "]";
    }
  }

  /**
   * OAuth application: REST base ({@code client_endpoint}), the token server, client credentials
   * and the current token pair (the refresh token rotates on every refresh).
   */
  record OAuth(String restEndpoint, String tokenUrl, String clientId, String clientSecret,
      String accessToken, String refreshToken) implements PortalAuth {
    @Override
    public String toString() {
      return "OAuth[restEndpoint=" + restEndpoint + ", tokenUrl=" + tokenUrl + ", clientId="
          + clientId + ", secrets=***]";
    }
  }
}
