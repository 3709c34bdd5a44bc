package io.callstream.sink.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth application: the access token travels as {@code auth} in the body; on
 * {@code expired_token} it is refreshed at the token server and every refresh replaces the
 * refresh token too (it rotates), which is handed to a listener so it can be persisted.
 */
public final class OAuthAuthenticator implements Authenticator {

  /** The current token pair. */
  public record Tokens(String accessToken, String refreshToken) {
    @Override
    public String toString() {
      return "Tokens[***]";
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(OAuthAuthenticator.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpUrl restEndpoint;
  private final HttpUrl tokenUrl;
  private final String clientId;
  private final String clientSecret;
  private final OkHttpClient http;
  private final SecretRedactor redactor;
  private final Consumer<Tokens> onRefresh;
  private volatile Tokens tokens;

  public OAuthAuthenticator(String restEndpoint, String tokenUrl, String clientId,
      String clientSecret, Tokens tokens, OkHttpClient http, SecretRedactor redactor,
      Consumer<Tokens> onRefresh) {
    this.restEndpoint = HttpUrl.get(restEndpoint);
    this.tokenUrl = HttpUrl.get(tokenUrl);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.http = http;
    this.redactor = redactor;
    this.onRefresh = onRefresh;
    this.tokens = tokens;
    redactor.register(clientSecret);
    redactor.register(tokens.accessToken());
    redactor.register(tokens.refreshToken());
  }

  public Tokens tokens() {
    return tokens;
  }

  @Override
  public HttpUrl methodUrl(String method) {
    HttpUrl.Builder b = restEndpoint.newBuilder();
    if (restEndpoint.pathSegments().get(restEndpoint.pathSize() - 1).isEmpty()) {
      b.removePathSegment(restEndpoint.pathSize() - 1);
    }
    return b.addPathSegment(method + ".json").build();
  }

  @Override
  public void addTo(ObjectNode body) {
    body.put("auth", tokens.accessToken());
  }

  @Override
  public synchronized void refresh() throws BitrixException {
    Tokens used = tokens;
    HttpUrl url = tokenUrl.newBuilder()
        .addQueryParameter("grant_type", "refresh_token")
        .addQueryParameter("client_id", clientId)
        .addQueryParameter("client_secret", clientSecret)
        .addQueryParameter("refresh_token", used.refreshToken())
        .build();
    try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      String body = response.body() == null ? "" : response.body().string();
      JsonNode json = JSON.readTree(body.isEmpty() ? "{}" : body);
      if (!response.isSuccessful() || !json.hasNonNull("access_token")
          || !json.hasNonNull("refresh_token")) {
        String code = json.path("error").asText("");
        throw new BitrixException(BitrixError.api(response.code(), code,
            json.path("error_description").asText("")),
            redactor.redact("OAuth token refresh refused (HTTP " + response.code() + ", error '"
                + code + "'): re-authorise the application in Bitrix24"));
      }
      Tokens fresh = new Tokens(json.get("access_token").asText(), json.get("refresh_token").asText());
      redactor.register(fresh.accessToken());
      redactor.register(fresh.refreshToken());
      tokens = fresh;
      onRefresh.accept(fresh);
      LOG.info("OAuth access token refreshed for {}", restEndpoint.host());
    } catch (IOException e) {
      throw new BitrixException(BitrixError.transport(BitrixError.Transport.NOT_SENT, null,
          redactor.redact(String.valueOf(e.getMessage()))),
          redactor.redact("OAuth token refresh failed: " + e));
    }
  }
}
