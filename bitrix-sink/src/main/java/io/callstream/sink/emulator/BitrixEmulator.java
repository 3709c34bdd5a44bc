package io.callstream.sink.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Bitrix24 portal on 127.0.0.1 that behaves as the contract describes: telephony methods,
 * {@code batch}, {@code user.get}, CRM lead effects, {@code event.bind/unbind/get}, click-to-call
 * and callback-request events posted to handlers or queued offline ({@code event.offline.*}),
 * webhook and OAuth auth, the leaky bucket and operating limit, and injectable faults. Everything
 * it stored and refused is in {@link #ledger()} and at {@code GET /emulator/ledger}.
 */
public final class BitrixEmulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BitrixEmulator.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final EmulatorConfig config;
  private final HttpServer server;
  private final ExecutorService executor;
  private final TelephonyStore store;
  private final OAuthTokens tokens;
  private final Faults faults;
  private final Counters counters = new Counters();
  private final EventHandlers events;
  private final OfflineQueue offline;

  private BitrixEmulator(EmulatorConfig config) throws IOException {
    this.config = config;
    EmulatedUsers users = new EmulatedUsers(config.users(), config.webhookUserId());
    this.store = new TelephonyStore(config.clock(), config.portalZone(), users);
    this.tokens = new OAuthTokens(config.clock(), config.accessTokenLifetime(), config.accessToken(),
        config.refreshToken());
    this.faults = new Faults(config.faultSeed());
    this.offline = new OfflineQueue(config.clock(), config.portalZone());
    this.events = new EventHandlers(config.applicationToken(), offline);
    OperatingMeter meter = new OperatingMeter(config.operatingLimitSeconds(),
        config.operatingWindow().toMillis());
    TimeBlocks time = new TimeBlocks(config.clock(), config.portalZone(), meter);
    EmulatedPortal portal = new EmulatedPortal(store, users, events, offline, meter, time,
        config.methodCostSeconds());
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        config.port()), 64);
    this.executor = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "bitrix-emulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/rest/", new RestHandler(config, portal, store, tokens,
        new RequestBucket(config.ratePerSecond(), config.burst()), faults, time, counters));
    server.createContext("/oauth/token/", this::token);
    server.createContext("/emulator/ledger", ex -> {
      try (ex) {
        RestHandler.send(ex, 200, "application/json; charset=utf-8",
            JSON.writeValueAsString(ledger()));
      }
    });
    server.createContext("/emulator/click-to-call", this::clickToCall);
    server.createContext("/emulator/callback-request", this::callbackRequest);
    server.start();
  }

  public static BitrixEmulator start(EmulatorConfig config) {
    try {
      BitrixEmulator e = new BitrixEmulator(config);
      LOG.info("Bitrix24 emulator listening on {} ({} req/s, burst {})", e.baseUrl(),
          config.ratePerSecond(), config.burst());
      return e;
    } catch (IOException e) {
      throw new UncheckedIOException("Bitrix24 emulator could not bind port " + config.port(), e);
    }
  }

  /** {@code http://127.0.0.1:<port>} */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The incoming-webhook URL (contains the webhook code, a secret). */
  public String webhookUrl() {
    return baseUrl() + "/rest/" + config.webhookUserId() + "/" + config.webhookCode() + "/";
  }

  /** REST base for OAuth calls ({@code client_endpoint}). */
  public String oauthRestEndpoint() {
    return baseUrl() + "/rest/";
  }

  /** The emulated {@code oauth.bitrix.info/oauth/token/}. */
  public String tokenUrl() {
    return baseUrl() + "/oauth/token/";
  }

  public EmulatorConfig config() {
    return config;
  }

  public Faults faults() {
    return faults;
  }

  /** Makes the current OAuth access token expired, as after an hour. */
  public void expireAccessToken() {
    tokens.expireNow();
  }

  public Ledger ledger() {
    return new Ledger(store.calls(), counters.rejected(), counters.requests.sum(),
        counters.batches.sum(), counters.batchCommands.sum(), counters.resetsAfterApply.sum(),
        store.leads(), events.fired(), offline.waiting(), store.lines(), store.purgedCalls());
  }

  /**
   * A user clicks a number in the CRM: the portal registers the call and sends
   * {@code ONEXTERNALCALLSTART} to bound handlers.
   *
   * @return the registered CALL_ID
   */
  public String clickToCall(int userId, String phone, String line) {
    Map<String, Object> call = store.registerFromCrm(userId, phone, line);
    Map<String, String> data = new LinkedHashMap<>();
    data.put("PHONE_NUMBER", phone);
    data.put("PHONE_NUMBER_INTERNATIONAL", phone);
    data.put("EXTENSION", "");
    data.put("USER_ID", Integer.toString(userId));
    data.put("CALL_LIST_ID", "0");
    data.put("LINE_NUMBER", line == null ? "" : line);
    data.put("IS_MOBILE", "0");
    data.put("CALL_ID", call.get("CALL_ID").toString());
    data.put("CRM_ENTITY_TYPE", String.valueOf(call.get("CRM_ENTITY_TYPE")));
    data.put("CRM_ENTITY_ID", String.valueOf(call.get("CRM_ENTITY_ID")));
    events.dispatch("ONEXTERNALCALLSTART", data, "127.0.0.1:" + server.getAddress().getPort());
    return data.get("CALL_ID");
  }

  /**
   * A website visitor submits a CRM callback form: the portal sends
   * {@code ONEXTERNALCALLBACKSTART} (payload V25) to bound handlers and the offline queue. No call
   * is registered: the integration registers it itself with TYPE 4.
   */
  public void callbackRequest(String phone, String text, String crmEntityType, int crmEntityId,
      String line) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("PHONE_NUMBER", phone == null ? "" : phone);
    data.put("TEXT", text == null ? "" : text);
    data.put("VOICE", "ruinternalfemale");
    data.put("CRM_ENTITY_TYPE", crmEntityType == null ? "" : crmEntityType);
    data.put("CRM_ENTITY_ID", Integer.toString(crmEntityId));
    data.put("LINE_NUMBER", line == null ? "" : line);
    events.dispatch("ONEXTERNALCALLBACKSTART", data, "127.0.0.1:" + server.getAddress().getPort());
  }

  private void clickToCall(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, Object> p = RequestParams.parseQuery(ex.getRequestURI().getRawQuery());
      String id = clickToCall(RequestParams.intValue(p, "USER_ID"),
          RequestParams.string(p, "PHONE_NUMBER"), RequestParams.string(p, "LINE_NUMBER"));
      RestHandler.send(ex, 200, "application/json", JSON.writeValueAsString(Map.of("CALL_ID", id)));
    } catch (ApiError e) {
      RestHandler.send(ex, e.status, "application/json", JSON.writeValueAsString(
          Map.of("error", e.code, "error_description", e.getMessage())));
    }
  }

  private void callbackRequest(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, Object> p = RequestParams.parseQuery(ex.getRequestURI().getRawQuery());
      callbackRequest(RequestParams.string(p, "PHONE_NUMBER"), RequestParams.string(p, "TEXT"),
          RequestParams.string(p, "CRM_ENTITY_TYPE"), RequestParams.intValue(p, "CRM_ENTITY_ID"),
          RequestParams.string(p, "LINE_NUMBER"));
      RestHandler.send(ex, 200, "application/json", "{\"result\":true}");
    }
  }

  private void token(HttpExchange ex) throws IOException {
    try (ex) {
      String body = new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      Map<String, Object> p = RequestParams.parse(ex.getRequestURI().getRawQuery(),
          ex.getRequestMethod(), ex.getRequestHeaders().getFirst("Content-Type"), body);
      if (!config.oauthClientId().equals(RequestParams.string(p, "client_id"))
          || !config.oauthClientSecret().equals(RequestParams.string(p, "client_secret"))) {
        RestHandler.send(ex, 401, "application/json", "{\"error\":\"invalid_client\","
            + "\"error_description\":\"Invalid client\"}");
        return;
      }
      String[] pair = "refresh_token".equals(RequestParams.string(p, "grant_type"))
          ? tokens.refresh(String.valueOf(RequestParams.string(p, "refresh_token"))) : null;
      if (pair == null) {
        RestHandler.send(ex, 400, "application/json", "{\"error\":\"invalid_grant\","
            + "\"error_description\":\"Invalid grant\"}");
        return;
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("access_token", pair[0]);
      r.put("client_endpoint", oauthRestEndpoint());
      r.put("domain", "oauth.bitrix.info");
      r.put("expires", config.clock().millis() / 1000 + config.accessTokenLifetime().toSeconds());
      r.put("expires_in", config.accessTokenLifetime().toSeconds());
      r.put("member_id", "emulatormember0001");
      r.put("refresh_token", pair[1]);
      r.put("scope", "telephony,crm,user");
      r.put("server_endpoint", baseUrl() + "/rest/");
      r.put("status", "L");
      r.put("user_id", config.webhookUserId());
      RestHandler.send(ex, 200, "application/json", new ObjectMapper().writeValueAsString(r));
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs the emulator standalone on 127.0.0.1 until the process is stopped. Arguments:
   * {@code --port=N} (default 8024), {@code --rate=R}, {@code --burst=B}, {@code --enterprise},
   * {@code --503-rate=P}, {@code --reset-rate=P}, {@code --latency-ms=N}.
   */
  public static void main(String[] args) throws InterruptedException {
    EmulatorConfig.Builder b = EmulatorConfig.builder().port(8024);
    double serverErrors = 0;
    double resets = 0;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "--port" -> b.port(Integer.parseInt(kv[1]));
        case "--rate" -> b.rate(Double.parseDouble(kv[1]), b.build().burst());
        case "--burst" -> b.rate(b.build().ratePerSecond(), Integer.parseInt(kv[1]));
        case "--enterprise" -> b.enterprise();
        case "--503-rate" -> serverErrors = Double.parseDouble(kv[1]);
        case "--reset-rate" -> resets = Double.parseDouble(kv[1]);
        case "--latency-ms" -> b.latency(java.time.Duration.ofMillis(Long.parseLong(kv[1])));
        default -> throw new IllegalArgumentException("unknown option " + a
            + " (use --port= --rate= --burst= --enterprise --503-rate= --reset-rate= --latency-ms=)");
      }
    }
    BitrixEmulator e = start(b.build());
    e.faults().serverErrorRate(serverErrors).resetAfterApplyRate(resets);
    System.out.println("Bitrix24 emulator: webhook " + e.webhookUrl() + " ledger " + e.baseUrl()
        + "/emulator/ledger");
    Runtime.getRuntime().addShutdownHook(new Thread(e::close));
    Thread.currentThread().join();
  }
}
