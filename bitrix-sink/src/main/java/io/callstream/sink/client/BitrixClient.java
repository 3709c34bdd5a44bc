package io.callstream.sink.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bitrix24 REST over OkHttp for one portal. Every call is a JSON POST. Mutations go through a
 * client with {@code retryOnConnectionFailure(false)}: OkHttp must never silently re-send a
 * register or finish; re-sending is decided by the dispatcher with the {@link ErrorClass}. The
 * only retry made here is the single repeat after an OAuth refresh, which is safe because Bitrix24
 * checks the token before running the method.
 */
public final class BitrixClient {

  private static final Logger LOG = LoggerFactory.getLogger(BitrixClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
  private static final Set<String> READS = Set.of("user.get", "telephony.externalcall.searchcrmentities");

  private final String portalId;
  private final Authenticator auth;
  private final OkHttpClient reads;
  private final OkHttpClient mutations;
  private final BitrixErrorClassifier classifier;
  private final SecretRedactor redactor;

  public BitrixClient(String portalId, Authenticator auth, OkHttpClient http,
      BitrixErrorClassifier classifier, SecretRedactor redactor) {
    this.portalId = portalId;
    this.auth = auth;
    this.reads = http;
    this.mutations = http.newBuilder().retryOnConnectionFailure(false).build();
    this.classifier = classifier;
    this.redactor = redactor;
  }

  public String portalId() {
    return portalId;
  }

  public SecretRedactor redactor() {
    return redactor;
  }

  /**
   * Calls one method.
   *
   * @param callIdFromOurRegister see {@link BitrixErrorClassifier#classify}
   */
  public BitrixReply call(String method, Map<String, ?> params, boolean callIdFromOurRegister) {
    ObjectNode body = JSON.valueToTree(params);
    return send(method, body, callIdFromOurRegister);
  }

  /** Sends up to 50 commands as one {@code batch} request, stopping at the first error. */
  public BitrixReply batch(List<BatchCommand> commands) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode cmd = body.putObject("cmd");
    for (BatchCommand c : commands) {
      cmd.put(c.key(), c.method() + "?" + queryString(c.params()));
    }
    body.put("halt", 1);
    return send("batch", body, false);
  }

  /** Reads the per-command maps of a successful batch answer. */
  public static BatchReply parseBatch(JsonNode result) {
    Map<String, JsonNode> results = new LinkedHashMap<>();
    Map<String, BitrixError> errors = new LinkedHashMap<>();
    Map<String, OperatingTime> times = new LinkedHashMap<>();
    result.path("result").properties().forEach(e -> results.put(e.getKey(), e.getValue()));
    result.path("result_error").properties().forEach(e -> errors.put(e.getKey(),
        BitrixError.api(null, e.getValue().path("error").asText(""),
            e.getValue().path("error_description").asText(""))));
    result.path("result_time").properties().forEach(e ->
        times.put(e.getKey(), OperatingTime.from(e.getValue())));
    JsonNode arrayResults = result.path("result");
    if (arrayResults.isArray()) {
      for (int i = 0; i < arrayResults.size(); i++) {
        results.put(Integer.toString(i), arrayResults.get(i));
      }
    }
    return new BatchReply(results, errors, times);
  }

  private BitrixReply send(String method, ObjectNode params, boolean callIdFromOurRegister) {
    BitrixReply reply = once(method, params, callIdFromOurRegister, 1);
    if (reply instanceof BitrixReply.Failure f && f.errorClass() == ErrorClass.REFRESH_TOKEN) {
      try {
        auth.refresh();
      } catch (BitrixException e) {
        ErrorClass cls = e.error().transport() == BitrixError.Transport.NOT_SENT
            ? ErrorClass.RETRY : ErrorClass.PERMANENT;
        LOG.warn("portal {}: {}", portalId, e.getMessage());
        return new BitrixReply.Failure(e.error(), cls, 1);
      }
      reply = once(method, params, callIdFromOurRegister, 2);
    }
    return reply;
  }

  private BitrixReply once(String method, ObjectNode params, boolean callIdFromOurRegister,
      int attempt) {
    ObjectNode body = params.deepCopy();
    auth.addTo(body);
    HttpUrl url = auth.methodUrl(method);
    String safeUrl = redactor.redact(url.toString());
    Request request;
    try {
      request = new Request.Builder().url(url)
          .header("Accept", "application/json")
          .header("User-Agent", "CallStream-bitrix-sink")
          .post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE)).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode parameters of " + method, e);
    }
    OkHttpClient http = READS.contains(method.toLowerCase(Locale.ROOT)) ? reads : mutations;
    LOG.debug("portal {}: POST {}", portalId, safeUrl);
    try (Response response = http.newCall(request).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      JsonNode json;
      try {
        json = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        json = null;
      }
      if (json == null || !json.isObject()) {
        BitrixError error = BitrixError.transport(BitrixError.Transport.NOT_JSON, response.code(),
            "not a JSON envelope (" + response.header("Content-Type", "no content type") + ")");
        return failure(method, safeUrl, error, callIdFromOurRegister, attempt);
      }
      if (response.isSuccessful() && json.has("result")) {
        return new BitrixReply.Success(json.get("result"), json,
            OperatingTime.from(json.get("time")), attempt);
      }
      BitrixError error = BitrixError.api(response.code(), json.path("error").asText(""),
          redactor.redact(json.path("error_description").asText("")));
      return failure(method, safeUrl, error, callIdFromOurRegister, attempt);
    } catch (IOException e) {
      BitrixError error = BitrixError.transport(notSent(e) ? BitrixError.Transport.NOT_SENT
          : BitrixError.Transport.ANSWER_LOST, null, redactor.redact(e.toString()));
      return failure(method, safeUrl, error, callIdFromOurRegister, attempt);
    }
  }

  private BitrixReply failure(String method, String safeUrl, BitrixError error,
      boolean callIdFromOurRegister, int attempt) {
    ErrorClass cls = classifier.classify(error, method, callIdFromOurRegister);
    LOG.debug("portal {}: {} failed: {} -> {}", portalId, safeUrl, error, cls);
    return new BitrixReply.Failure(error, cls, attempt);
  }

  private static boolean notSent(IOException e) {
    return e instanceof ConnectException || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).contains("connect"));
  }

  /**
   * PHP-style query string for a batch command: brackets for arrays, values URL-encoded once
   * ({@code +} as {@code %2B}), {@code $result[...]} references left readable.
   */
  static String queryString(Map<String, Object> params) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Object> e : params.entrySet()) {
      if (e.getValue() instanceof Collection<?> list) {
        int i = 0;
        for (Object v : list) {
          append(b, e.getKey() + "[" + i++ + "]", v);
        }
      } else {
        append(b, e.getKey(), e.getValue());
      }
    }
    return b.toString();
  }

  private static void append(StringBuilder b, String key, Object value) {
    if (b.length() > 0) {
      b.append('&');
    }
    String v = String.valueOf(value);
    b.append(encode(key)).append('=').append(v.startsWith("$result[") ? v : encode(v));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
