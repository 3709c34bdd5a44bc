package io.callstream.sink.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.sink.testing.LogCapture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BitrixClientTest {

  private static final String WEBHOOK_CODE = "8g9l071eismy9q2l";
  private static final String ACCESS = "s7p6eclrvim9da28dt9ch94ekreb52sv";
  private static final String REFRESH = "4s386p3q0tr8dy89xvmt96234v3dljg8";
  private static final String NEW_ACCESS = "ydtj8pho532wydb5ixk78ol7uqlb7sch";
  private static final String NEW_REFRESH = "3s6lr4kr3cv2od4v853gvrchb875bwxb";
  private static final String CLIENT_SECRET = "cs-very-secret-123";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TIME = "\"time\":{\"start\":1773130778,\"finish\":1773130779.12,"
      + "\"duration\":1.12,\"processing\":1,\"date_start\":\"2026-03-10T11:19:38+03:00\","
      + "\"date_finish\":\"2026-03-10T11:19:39+03:00\",\"operating_reset_at\":1773131378,"
      + "\"operating\":0.22185301780700684}";

  private MockWebServer server;
  private LogCapture logs;
  private final SecretRedactor redactor = new SecretRedactor();
  private OkHttpClient http;

  @BeforeEach
  void start() throws Exception {
    logs = LogCapture.install();
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(2))
        .connectTimeout(Duration.ofSeconds(2)).build();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
    http.connectionPool().evictAll();
    List<String> lines = logs.lines();
    logs.close();
    for (String secret : List.of(WEBHOOK_CODE, ACCESS, REFRESH, NEW_ACCESS, NEW_REFRESH, CLIENT_SECRET)) {
      assertThat(lines).as("no log line may contain a secret").noneMatch(l -> l.contains(secret));
    }
  }

  private BitrixClient webhookClient() {
    String url = server.url("/rest/1/" + WEBHOOK_CODE + "/").toString();
    return new BitrixClient("main", new WebhookAuthenticator(url, redactor), http,
        new BitrixErrorClassifier(), redactor);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status)
        .setHeader("Content-Type", "application/json; charset=utf-8").setBody(body);
  }

  private BitrixReply.Failure fail(MockResponse response, String method) {
    server.enqueue(response);
    BitrixReply reply = webhookClient().call(method, Map.of("CALL_ID", "externalCall.x.1"), true);
    assertThat(reply).isInstanceOf(BitrixReply.Failure.class);
    return (BitrixReply.Failure) reply;
  }

  @Test
  void postsJsonToTheWebhookMethodUrlAndReadsResultAndOperatingTime() throws Exception {
    server.enqueue(json(200, "{\"result\":{\"CALL_ID\":\"externalCall.716f.1773130779\","
        + "\"CRM_CREATED_LEAD\":null,\"CRM_CREATED_ENTITIES\":[],\"CRM_ENTITY_TYPE\":\"\","
        + "\"CRM_ENTITY_ID\":null}," + TIME + "}"));
    BitrixReply reply = webhookClient().call("telephony.externalcall.register",
        Map.of("PHONE_NUMBER", "+79062195047", "TYPE", 2), false);
    BitrixReply.Success ok = (BitrixReply.Success) reply;
    assertThat(ok.result().get("CALL_ID").asText()).isEqualTo("externalCall.716f.1773130779");
    assertThat(ok.time().operatingSeconds()).isEqualTo(0.22185301780700684);
    assertThat(ok.time().resetAtEpochSeconds()).hasValue(1773131378);
    RecordedRequest req = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(req.getPath()).isEqualTo("/rest/1/" + WEBHOOK_CODE + "/telephony.externalcall.register.json");
    assertThat(req.getHeader("Content-Type")).startsWith("application/json");
    assertThat(JSON.readTree(req.getBody().readUtf8()).get("PHONE_NUMBER").asText()).isEqualTo("+79062195047");
  }

  @Test
  void queryLimitExceededIsRetry() {
    assertThat(fail(json(503, "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}"),
        "telephony.externalcall.register").errorClass()).isEqualTo(ErrorClass.RETRY);
  }

  @Test
  void operationTimeLimitIsRetry() {
    assertThat(fail(json(429, "{\"error\":\"OPERATION_TIME_LIMIT\",\"error_description\":"
        + "\"Method is blocked due to operation time limit.\"}"), "user.get").errorClass())
        .isEqualTo(ErrorClass.RETRY);
  }

  @Test
  void serverErrorJsonIsRetryAndHtmlIsMaybeApplied() {
    assertThat(fail(json(500, "{\"error\":\"INTERNAL_SERVER_ERROR\",\"error_description\":"
        + "\"Internal server error\"}"), "telephony.externalcall.finish").errorClass())
        .isEqualTo(ErrorClass.RETRY);
    BitrixReply.Failure html = fail(new MockResponse().setResponseCode(502)
        .setHeader("Content-Type", "text/html").setBody("<html><body>Bad Gateway</body></html>"),
        "telephony.externalcall.finish");
    assertThat(html.errorClass()).isEqualTo(ErrorClass.MAYBE_APPLIED);
    assertThat(html.error().transport()).isEqualTo(BitrixError.Transport.NOT_JSON);
  }

  @Test
  void authScopeMethodAndValidationErrorsArePermanentWithEmptyCodesKept() {
    assertThat(fail(json(401, "{\"error\":\"INVALID_CREDENTIALS\",\"error_description\":"
        + "\"Invalid request credentials\"}"), "telephony.externalcall.register").errorClass())
        .isEqualTo(ErrorClass.PERMANENT);
    assertThat(fail(json(401, "{\"error\":\"insufficient_scope\",\"error_description\":\"The request "
        + "requires higher privileges than provided by the webhook token\"}"), "user.get").errorClass())
        .isEqualTo(ErrorClass.PERMANENT);
    assertThat(fail(json(404, "{\"error\":\"ERROR_METHOD_NOT_FOUND\",\"error_description\":"
        + "\"Method not found!\"}"), "telephony.externalcall.regster").errorClass())
        .isEqualTo(ErrorClass.PERMANENT);
    BitrixReply.Failure validation = fail(json(400, "{\"error\":\"\",\"error_description\":"
        + "\"USER_ID or USER_PHONE_INNER should be set\"}"), "telephony.externalcall.register");
    assertThat(validation.errorClass()).isEqualTo(ErrorClass.PERMANENT);
    assertThat(validation.error().code()).isEmpty();
    assertThat(validation.error().httpStatus()).isEqualTo(400);
  }

  @Test
  void callNotFoundOnFinishIsAlreadyAppliedAndAttachBeforeFinishIsRetry() {
    assertThat(fail(json(400, "{\"error\":\"\",\"error_description\":\"Call is not found (call "
        + "should be registered prior to finishing\"}"), "telephony.externalcall.finish").errorClass())
        .isEqualTo(ErrorClass.ALREADY_APPLIED);
    assertThat(fail(json(400, "{\"error\":\"\",\"error_description\":\"Call is not found in the "
        + "statistic table. Looks like it is not finished yet.\"}"),
        "telephony.externalCall.attachRecord").errorClass()).isEqualTo(ErrorClass.RETRY);
  }

  @Test
  void connectionDroppedAfterTheRequestIsMaybeAppliedAndNeverSilentlyResent() throws Exception {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AFTER_REQUEST));
    server.enqueue(json(200, "{\"result\":true," + TIME + "}"));
    BitrixReply reply = webhookClient().call("telephony.externalcall.finish",
        Map.of("CALL_ID", "externalCall.x.1"), true);
    assertThat(((BitrixReply.Failure) reply).errorClass()).isEqualTo(ErrorClass.MAYBE_APPLIED);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void readTimeoutIsMaybeApplied() {
    assertThat(fail(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE),
        "telephony.externalcall.register").errorClass()).isEqualTo(ErrorClass.MAYBE_APPLIED);
  }

  @Test
  void connectionRefusedIsRetryBecauseNothingWasSent() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    BitrixClient client = new BitrixClient("main", new WebhookAuthenticator(
        "http://127.0.0.1:" + port + "/rest/1/" + WEBHOOK_CODE + "/", redactor), http,
        new BitrixErrorClassifier(), redactor);
    BitrixReply reply = client.call("telephony.externalcall.register", Map.of(), false);
    BitrixReply.Failure f = (BitrixReply.Failure) reply;
    assertThat(f.errorClass()).isEqualTo(ErrorClass.RETRY);
    assertThat(f.error().description()).doesNotContain(WEBHOOK_CODE);
  }

  @Test
  void expiredTokenIsRefreshedWithTheRotatingRefreshTokenAndTheCallRepeated() throws Exception {
    AtomicReference<OAuthAuthenticator.Tokens> persisted = new AtomicReference<>();
    OAuthAuthenticator auth = new OAuthAuthenticator(server.url("/rest/").toString(),
        server.url("/oauth/token/").toString(), "app.123", CLIENT_SECRET,
        new OAuthAuthenticator.Tokens(ACCESS, REFRESH), http, redactor, persisted::set);
    BitrixClient client = new BitrixClient("main", auth, http, new BitrixErrorClassifier(), redactor);
    server.enqueue(json(401, "{\"error\":\"expired_token\",\"error_description\":"
        + "\"The access token provided has expired.\"}"));
    server.enqueue(json(200, "{\"access_token\":\"" + NEW_ACCESS + "\",\"refresh_token\":\""
        + NEW_REFRESH + "\",\"expires_in\":3600}"));
    server.enqueue(json(200, "{\"result\":true," + TIME + "}"));

    BitrixReply reply = client.call("telephony.externalcall.show", Map.of("CALL_ID", "c"), false);

    assertThat(reply).isInstanceOf(BitrixReply.Success.class);
    assertThat(reply.attempts()).isEqualTo(2);
    RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(JSON.readTree(first.getBody().readUtf8()).get("auth").asText()).isEqualTo(ACCESS);
    RecordedRequest refresh = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(refresh.getRequestUrl().queryParameter("grant_type")).isEqualTo("refresh_token");
    assertThat(refresh.getRequestUrl().queryParameter("refresh_token")).isEqualTo(REFRESH);
    JsonNode again = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
    assertThat(again.get("auth").asText()).isEqualTo(NEW_ACCESS);
    assertThat(persisted.get()).isEqualTo(new OAuthAuthenticator.Tokens(NEW_ACCESS, NEW_REFRESH));
    assertThat(auth.tokens().refreshToken()).isEqualTo(NEW_REFRESH);
  }

  @Test
  void refusedRefreshIsPermanentAndItsMessageHasNoSecret() {
    OAuthAuthenticator auth = new OAuthAuthenticator(server.url("/rest/").toString(),
        server.url("/oauth/token/").toString(), "app.123", CLIENT_SECRET,
        new OAuthAuthenticator.Tokens(ACCESS, REFRESH), http, redactor, t -> { });
    BitrixClient client = new BitrixClient("main", auth, http, new BitrixErrorClassifier(), redactor);
    server.enqueue(json(401, "{\"error\":\"expired_token\",\"error_description\":\"expired\"}"));
    server.enqueue(json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"refresh token "
        + REFRESH + " expired\"}"));
    BitrixReply.Failure f = (BitrixReply.Failure) client.call("user.get", Map.of(), false);
    assertThat(f.errorClass()).isEqualTo(ErrorClass.PERMANENT);
    assertThat(f.error().code()).isEqualTo("invalid_grant");
  }

  @Test
  void batchEncodesCommandsAsQueryStringsAndParsesPerCommandMaps() throws Exception {
    server.enqueue(json(200, "{\"result\":{\"result\":{\"r\":{\"CALL_ID\":\"externalCall.a.1\"}},"
        + "\"result_error\":{\"f\":{\"error\":\"\",\"error_description\":\"User is not found or is "
        + "not active\"}},\"result_total\":[],\"result_next\":[],\"result_time\":{\"r\":{\"operating\":0.5}}},"
        + TIME + "}"));
    BitrixReply reply = webhookClient().batch(List.of(
        new BatchCommand("r", "telephony.externalcall.register",
            new java.util.LinkedHashMap<>(Map.of("PHONE_NUMBER", "+7 906"))),
        new BatchCommand("f", "telephony.externalcall.hide", hideParams())));
    BatchReply batch = BitrixClient.parseBatch(((BitrixReply.Success) reply).result());
    assertThat(batch.results()).containsOnlyKeys("r");
    assertThat(batch.errors().get("f").description()).isEqualTo("User is not found or is not active");
    assertThat(batch.times().get("r").operatingSeconds()).isEqualTo(0.5);
    JsonNode body = JSON.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().readUtf8());
    assertThat(body.get("halt").asInt()).isEqualTo(1);
    assertThat(body.get("cmd").get("r").asText())
        .isEqualTo("telephony.externalcall.register?PHONE_NUMBER=%2B7%20906");
    assertThat(body.get("cmd").get("f").asText()).isEqualTo("telephony.externalcall.hide?"
        + "CALL_ID=$result[r][CALL_ID]&USER_ID%5B0%5D=5&USER_ID%5B1%5D=7");
  }

  private static Map<String, Object> hideParams() {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put("CALL_ID", "$result[r][CALL_ID]");
    p.put("USER_ID", List.of(5, 7));
    return p;
  }

  @Test
  void redactorMasksWebhookCodesTokensAndRegisteredSecrets() {
    SecretRedactor r = new SecretRedactor();
    r.register(ACCESS);
    assertThat(r.redact("POST https://b24.example.com/rest/1/" + WEBHOOK_CODE + "/user.get.json"))
        .isEqualTo("POST https://b24.example.com/rest/1/***/user.get.json");
    assertThat(r.redact("?auth=" + ACCESS + "&x=1")).isEqualTo("?auth=***&x=1");
    assertThat(r.redact("{\"refresh_token\":\"" + REFRESH + "\"}")).isEqualTo("{\"refresh_token\":\"***\"}");
    assertThat(r.redact("token " + ACCESS + " leaked")).isEqualTo("token *** leaked");
  }
}
