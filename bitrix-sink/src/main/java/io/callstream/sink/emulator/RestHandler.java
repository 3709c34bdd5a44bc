package io.callstream.sink.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the emulated portal: parse, authenticate (webhook path or OAuth token), apply
 * the leaky bucket, inject faults, run the method, and answer with the exact envelopes.
 */
final class RestHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RestHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HTML_503 = "<html><head><title>503 Service Temporarily Unavailable"
      + "</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center>"
      + "</body></html>";
  private static final String HTML_504 = "<html><head><title>504 Gateway Time-out</title></head>"
      + "<body><center><h1>504 Gateway Time-out</h1></center></body></html>";

  private final EmulatorConfig config;
  private final EmulatedPortal portal;
  private final TelephonyStore store;
  private final OAuthTokens tokens;
  private final RequestBucket bucket;
  private final Faults faults;
  private final TimeBlocks time;
  private final Counters counters;

  RestHandler(EmulatorConfig config, EmulatedPortal portal, TelephonyStore store,
      OAuthTokens tokens, RequestBucket bucket, Faults faults, TimeBlocks time, Counters counters) {
    this.config = config;
    this.portal = portal;
    this.store = store;
    this.tokens = tokens;
    this.bucket = bucket;
    this.faults = faults;
    this.time = time;
    this.counters = counters;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      long started = time.nowMillis();
      counters.requests.increment();
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = ex.getRequestURI().getRawPath().substring("/rest/".length());
      List<String> segments = List.of(path.split("/"));
      boolean webhook = segments.size() >= 3 && segments.get(0).matches("[0-9]{1,9}");
      String rawMethod = webhook ? segments.get(2) : segments.get(0);
      String method = EmulatedPortal.normalizeMethod(rawMethod);
      Map<String, Object> params = RequestParams.parse(ex.getRequestURI().getRawQuery(),
          ex.getRequestMethod(), ex.getRequestHeaders().getFirst("Content-Type"), body);
      try {
        EmulatedPortal.Caller caller = authenticate(ex, webhook, segments, params);
        if (webhook && method.startsWith("event.")) {
          throw new ApiError(403, "WRONG_AUTH_TYPE", "Current authorization type is denied for this method");
        }
        if (!bucket.tryAcquire(time.nowMillis())) {
          throw new ApiError(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
        }
        Duration delay = config.latency().plus(faults.delay());
        if (delay.compareTo(config.requestTimeLimit()) >= 0) {
          // The cloud aborts a request after 60 s; this one had not run yet.
          pause(config.requestTimeLimit());
          counters.reject("HTTP_504_ABORTED");
          send(ex, 504, "text/html", HTML_504);
          return;
        }
        pause(delay);
        if (faults.serverError(method)) {
          counters.reject("HTTP_503_FAULT");
          send(ex, 503, "text/html", HTML_503);
          return;
        }
        String uploadBase = uploadBase(ex, webhook);
        Object envelope;
        if (method.equals("upload")) {
          int fileId = store.upload(String.valueOf(params.get("token")),
              body.contains("name=\"file\"") ? body.getBytes(StandardCharsets.UTF_8) : new byte[0]);
          envelope = Map.of("result", Map.of("FILE_ID", fileId));
        } else if (method.equals("batch")) {
          envelope = batchEnvelope(portal.batch(params, caller, uploadBase), started);
        } else {
          envelope = envelope(method, portal.invoke(method, params, caller, uploadBase), started);
        }
        if (faults.resetAfterApply(method)) {
          counters.resetsAfterApply.increment();
          // Closing before the status line makes the JDK server drop the connection: the
          // request was applied, the client never learns it.
          return;
        }
        send(ex, 200, "application/json; charset=utf-8", JSON.writeValueAsString(envelope));
      } catch (ApiError e) {
        counters.reject(e.code.isEmpty() ? "HTTP_" + e.status : e.code);
        String code = e.code.isEmpty() && config.errorCoreCodes() ? "ERROR_CORE" : e.code;
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", code);
        error.put("error_description", e.getMessage());
        send(ex, e.status, "application/json; charset=utf-8", JSON.writeValueAsString(error));
      }
    } catch (RuntimeException e) {
      LOG.warn("Emulator failed on {}", ex.getRequestURI().getRawPath().replaceAll(
          "(/rest/[0-9]+/)[^/]+", "$1***"), e);
      throw e;
    }
  }

  private EmulatedPortal.Caller authenticate(HttpExchange ex, boolean webhook, List<String> segments,
      Map<String, Object> params) {
    if (webhook) {
      if (Integer.parseInt(segments.get(0)) != config.webhookUserId()
          || !segments.get(1).equals(config.webhookCode())) {
        throw new ApiError(401, "INVALID_CREDENTIALS", "Invalid request credentials");
      }
      return new EmulatedPortal.Caller(true, "", config.webhookUserId());
    }
    String token = RequestParams.string(params, "auth");
    if (token == null) {
      token = RequestParams.string(params, "access_token");
    }
    String header = ex.getRequestHeaders().getFirst("Authorization");
    if (token == null && header != null && header.startsWith("Bearer ")) {
      token = header.substring(7).trim();
    }
    if (token == null) {
      throw new ApiError(401, "NO_AUTH_FOUND", "Wrong authorization data");
    }
    switch (tokens.check(token)) {
      case EXPIRED -> throw new ApiError(401, "expired_token", "The access token provided has expired.");
      case UNKNOWN -> throw new ApiError(401, "invalid_token", "Unable to get application by token");
      default -> {
        return new EmulatedPortal.Caller(false, config.oauthClientId(), config.webhookUserId());
      }
    }
  }

  private String uploadBase(HttpExchange ex, boolean webhook) {
    String host = "http://" + ex.getLocalAddress().getHostString() + ":" + ex.getLocalAddress().getPort();
    return webhook ? host + "/rest/" + config.webhookUserId() + "/" + config.webhookCode() + "/upload/"
        : host + "/rest/upload.json";
  }

  private Map<String, Object> envelope(String method, Object result, long started) {
    Map<String, Object> env = new LinkedHashMap<>();
    if (result instanceof EmulatedPortal.ListResult list) {
      env.put("result", list.items());
      env.put("total", list.total());
      if (list.next() != null) {
        env.put("next", list.next());
      }
    } else {
      env.put("result", result);
    }
    env.put("time", time.block(method, started, true));
    return env;
  }

  private Map<String, Object> batchEnvelope(Map<String, EmulatedPortal.CommandOutcome> outcomes,
      long started) {
    counters.batches.increment();
    counters.batchCommands.add(outcomes.size());
    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> errors = new LinkedHashMap<>();
    Map<String, Object> times = new LinkedHashMap<>();
    outcomes.forEach((key, o) -> {
      if (o.error() == null) {
        results.put(key, o.result());
        times.put(key, o.time());
      } else {
        counters.reject("batch:" + (o.error().code.isEmpty() ? "HTTP_" + o.error().status : o.error().code));
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("error", o.error().code.isEmpty() && config.errorCoreCodes() ? "ERROR_CORE" : o.error().code);
        err.put("error_description", o.error().getMessage());
        errors.put(key, err);
      }
    });
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("result", phpMap(results));
    inner.put("result_error", phpMap(errors));
    inner.put("result_total", List.of());
    inner.put("result_next", List.of());
    inner.put("result_time", phpMap(times));
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("result", inner);
    env.put("time", time.block(null, started, false));
    return env;
  }

  /** PHP serialises an empty array as {@code []}. */
  private static Object phpMap(Map<String, Object> m) {
    return m.isEmpty() ? List.of() : m;
  }

  private static void pause(Duration d) {
    if (!d.isZero()) {
      try {
        Thread.sleep(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
