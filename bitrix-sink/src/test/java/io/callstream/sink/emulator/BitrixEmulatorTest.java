package io.callstream.sink.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixErrorClassifier;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.client.ErrorClass;
import io.callstream.sink.client.OAuthAuthenticator;
import io.callstream.sink.client.SecretRedactor;
import io.callstream.sink.client.WebhookAuthenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BitrixEmulatorTest {

  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(3)).build();
  private final SecretRedactor redactor = new SecretRedactor();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private BitrixEmulator start(EmulatorConfig config) {
    BitrixEmulator e = BitrixEmulator.start(config);
    closeables.add(e);
    return e;
  }

  private BitrixClient webhook(BitrixEmulator e) {
    return new BitrixClient("p", new WebhookAuthenticator(e.webhookUrl(), redactor), http,
        new BitrixErrorClassifier(), redactor);
  }

  private static Map<String, Object> register(String external) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("USER_PHONE_INNER", "101");
    p.put("PHONE_NUMBER", "+79062195047");
    p.put("TYPE", 2);
    p.put("EXTERNAL_CALL_ID", external);
    return p;
  }

  @Test
  void leakyBucketRefusesTheRequestAboveTheBurstWithQueryLimitExceeded() {
    BitrixEmulator e = start(EmulatorConfig.builder().rate(0.5, 5).build());
    BitrixClient c = webhook(e);
    for (int i = 0; i < 5; i++) {
      assertThat(c.call("user.get", Map.of(), false)).isInstanceOf(BitrixReply.Success.class);
    }
    BitrixReply.Failure f = (BitrixReply.Failure) c.call("user.get", Map.of(), false);
    assertThat(f.error().httpStatus()).isEqualTo(503);
    assertThat(f.error().code()).isEqualTo("QUERY_LIMIT_EXCEEDED");
    assertThat(f.errorClass()).isEqualTo(ErrorClass.RETRY);
    assertThat(e.ledger().rejected("QUERY_LIMIT_EXCEEDED")).isEqualTo(1);
  }

  @Test
  void operatingLimitBlocksTheMethodWith429AndReportsOperatingInTheTimeBlock() {
    BitrixEmulator e = start(EmulatorConfig.builder()
        .operatingLimit(1.0, Duration.ofMinutes(10), 0.6).build());
    BitrixClient c = webhook(e);
    BitrixReply.Success first = (BitrixReply.Success) c.call("user.get", Map.of(), false);
    assertThat(first.time().operatingSeconds()).isEqualTo(0.6);
    assertThat(first.time().resetAtEpochSeconds()).isPresent();
    assertThat(c.call("user.get", Map.of(), false)).isInstanceOf(BitrixReply.Success.class);
    BitrixReply.Failure f = (BitrixReply.Failure) c.call("user.get", Map.of(), false);
    assertThat(f.error().httpStatus()).isEqualTo(429);
    assertThat(f.error().code()).isEqualTo("OPERATION_TIME_LIMIT");
    assertThat(c.call("telephony.externalcall.register", register("x1"), false))
        .isInstanceOf(BitrixReply.Success.class);
  }

  @Test
  void wrongWebhookCodeIs401AndWebhooksCannotBindEvents() {
    BitrixEmulator e = start(EmulatorConfig.builder().build());
    BitrixClient wrong = new BitrixClient("p", new WebhookAuthenticator(
        e.baseUrl() + "/rest/1/wrongcode/", redactor), http, new BitrixErrorClassifier(), redactor);
    BitrixReply.Failure f = (BitrixReply.Failure) wrong.call("user.get", Map.of(), false);
    assertThat(f.error().httpStatus()).isEqualTo(401);
    assertThat(f.error().code()).isEqualTo("INVALID_CREDENTIALS");
    BitrixReply.Failure bind = (BitrixReply.Failure) webhook(e).call("event.bind",
        Map.of("event", "ONEXTERNALCALLSTART", "handler", "http://127.0.0.1:1/"), false);
    assertThat(bind.error().httpStatus()).isEqualTo(403);
    assertThat(bind.error().code()).isEqualTo("WRONG_AUTH_TYPE");
  }

  @Test
  void oauthExpiredTokenIsRefreshedAndClickToCallReachesTheBoundHandler() throws Exception {
    BitrixEmulator e = start(EmulatorConfig.builder().build());
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer handler = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    handler.createContext("/b24", ex -> {
      received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    handler.start();
    closeables.add(() -> handler.stop(0));
    EmulatorConfig cfg = e.config();
    OAuthAuthenticator auth = new OAuthAuthenticator(e.oauthRestEndpoint(), e.tokenUrl(),
        cfg.oauthClientId(), cfg.oauthClientSecret(),
        new OAuthAuthenticator.Tokens(cfg.accessToken(), cfg.refreshToken()), http, redactor, t -> { });
    BitrixClient c = new BitrixClient("p", auth, http, new BitrixErrorClassifier(), redactor);
    e.expireAccessToken();
    String url = "http://127.0.0.1:" + handler.getAddress().getPort() + "/b24";
    BitrixReply bound = c.call("event.bind", Map.of("event", "OnExternalCallStart", "handler", url), false);
    assertThat(bound).isInstanceOf(BitrixReply.Success.class);
    assertThat(auth.tokens().refreshToken()).isNotEqualTo(cfg.refreshToken());
    BitrixReply.Failure twice = (BitrixReply.Failure) c.call("event.bind",
        Map.of("event", "OnExternalCallStart", "handler", url), false);
    assertThat(twice.error().code()).isEqualTo("ERROR_CORE");
    String callId = e.clickToCall(12, "+74951234567", "74950001122");
    assertThat(received).hasSize(1);
    assertThat(received.get(0)).contains("event=ONEXTERNALCALLSTART")
        .contains("data%5BCALL_ID%5D=" + callId).contains("auth%5Bapplication_token%5D=");
  }

  @Test
  void resetAfterApplyStoresTheCallButLosesTheAnswerAndReRegisterFindsTheSameCall() {
    BitrixEmulator e = start(EmulatorConfig.builder().build());
    e.faults().resetAfterApply("telephony.externalcall.register", 1);
    BitrixClient c = webhook(e);
    BitrixReply.Failure lost = (BitrixReply.Failure) c.call("telephony.externalcall.register",
        register("leg-1"), false);
    assertThat(lost.errorClass()).isEqualTo(ErrorClass.MAYBE_APPLIED);
    BitrixReply.Success again = (BitrixReply.Success) c.call("telephony.externalcall.register",
        register("leg-1"), false);
    Ledger ledger = e.ledger();
    assertThat(ledger.calls()).hasSize(1);
    assertThat(ledger.calls().get(0).callId()).isEqualTo(again.result().get("CALL_ID").asText());
    assertThat(ledger.calls().get(0).registerRequests()).isEqualTo(2);
    assertThat(ledger.resetsAfterApply()).isEqualTo(1);
  }

  @Test
  void startDateOlderThanThirtyMinutesNeverMatchesAnActiveCall() {
    BitrixEmulator e = start(EmulatorConfig.builder().build());
    BitrixClient c = webhook(e);
    Map<String, Object> old = register("same");
    old.put("CALL_START_DATE", java.time.OffsetDateTime.now().minusMinutes(31).toString());
    String a = ((BitrixReply.Success) c.call("telephony.externalcall.register", old, false))
        .result().get("CALL_ID").asText();
    String b = ((BitrixReply.Success) c.call("telephony.externalcall.register", old, false))
        .result().get("CALL_ID").asText();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void uploadModeAcceptsTheMultipartFileAfterFinishAndTheLedgerKeepsOneRecord() throws Exception {
    BitrixEmulator e = start(EmulatorConfig.builder().build());
    BitrixClient c = webhook(e);
    String callId = ((BitrixReply.Success) c.call("telephony.externalcall.register",
        register("up-1"), false)).result().get("CALL_ID").asText();
    c.call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 11,
        "DURATION", 9), true);
    c.call("telephony.externalCall.attachRecord", Map.of("CALL_ID", callId,
        "RECORD_URL", "https://pbx.example.com/rec/a.mp3"), true);
    JsonNode upload = ((BitrixReply.Success) c.call("telephony.externalCall.attachRecord",
        Map.of("CALL_ID", callId, "FILENAME", "b.wav"), true)).result();
    okhttp3.RequestBody file = new okhttp3.MultipartBody.Builder()
        .setType(okhttp3.MultipartBody.FORM)
        .addFormDataPart("file", "b.wav", okhttp3.RequestBody.create(new byte[] {1, 2, 3},
            okhttp3.MediaType.get("audio/wav")))
        .build();
    try (Response r = http.newCall(new Request.Builder().url(upload.get("uploadUrl").asText())
        .post(file).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(r.body().string()).get("result").get("FILE_ID").isInt())
          .isTrue();
    }
    Ledger.Call call = e.ledger().calls().get(0);
    assertThat(call.recordAttachments()).isEqualTo(2);
    assertThat(call.records()).singleElement().extracting(Ledger.Record::mode).isEqualTo("upload");
  }

  @Test
  void ledgerEndpointListsCallsAndRejections() throws Exception {
    BitrixEmulator e = start(EmulatorConfig.builder().build());
    e.faults().serverErrorRate(1.0);
    BitrixReply.Failure f = (BitrixReply.Failure) webhook(e).call("user.get", Map.of(), false);
    assertThat(f.error().httpStatus()).isEqualTo(503);
    e.faults().none();
    BitrixReply.Success reg = (BitrixReply.Success) webhook(e).call(
        "telephony.externalcall.register", register("ledger-1"), false);
    assertThat(reg.envelope().get("time").get("date_start").asText()).matches(".*T.*\\+03:00");
    try (Response raw = http.newCall(new Request.Builder().url(e.webhookUrl() + "user.get.json")
        .build()).execute()) {
      assertThat(raw.body().string()).containsPattern("\"start\":[0-9]{10}\\.[0-9]{3},");
    }
    try (Response r = http.newCall(new Request.Builder().url(e.baseUrl() + "/emulator/ledger").build())
        .execute()) {
      JsonNode ledger = new ObjectMapper().readTree(r.body().string());
      assertThat(ledger.get("calls").get(0).get("externalCallId").asText()).isEqualTo("ledger-1");
      assertThat(ledger.get("calls").get(0).get("openCards").get(0).asInt()).isEqualTo(11);
      assertThat(ledger.get("rejected").get("HTTP_503_FAULT").asInt()).isEqualTo(1);
    }
  }
}
