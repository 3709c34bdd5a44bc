package io.callstream.sink.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;

/** Incoming webhook: the secret is part of the URL path, {@code .../rest/{user}/{code}/}. */
public final class WebhookAuthenticator implements Authenticator {

  private final HttpUrl base;

  public WebhookAuthenticator(String webhookUrl, SecretRedactor redactor) {
    HttpUrl parsed = HttpUrl.parse(webhookUrl);
    if (parsed == null) {
      throw new IllegalArgumentException("not a URL: " + SecretRedactor.redactWebhookPath(webhookUrl));
    }
    this.base = parsed;
    java.util.List<String> segments = parsed.pathSegments();
    for (int i = segments.size() - 1; i >= 0; i--) {
      if (!segments.get(i).isEmpty()) {
        redactor.register(segments.get(i));
        break;
      }
    }
  }

  @Override
  public HttpUrl methodUrl(String method) {
    HttpUrl.Builder b = base.newBuilder();
    if (base.pathSegments().get(base.pathSize() - 1).isEmpty()) {
      b.removePathSegment(base.pathSize() - 1);
    }
    return b.addPathSegment(method + ".json").build();
  }

  @Override
  public void addTo(ObjectNode body) {
    // The webhook code in the URL is the credential.
  }

  @Override
  public void refresh() throws BitrixException {
    throw new BitrixException(BitrixError.api(401, "expired_token", "webhook cannot be refreshed"),
        "expired_token on a webhook: the webhook has expired; create a new one in Bitrix24");
  }
}
