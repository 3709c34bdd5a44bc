package io.callstream.sink.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.sink.client.BatchCommand;
import io.callstream.sink.client.BatchReply;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixErrorClassifier;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.client.ErrorClass;
import io.callstream.sink.client.SecretRedactor;
import io.callstream.sink.client.WebhookAuthenticator;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The telephony contract (BITRIX24-CONTRACT.md §3, §6, §7) as executable checks. By default they
 * run against the in-process emulator. To run the same checks against a live portal:
 * {@code -Dbitrix.contract.webhook=https://<portal>/rest/<user>/<code>/
 * -Dbitrix.contract.user.id=<active user id>} (it creates and finishes real test calls).
 */
@Timeout(60)
class BitrixContractTest {

  static final String WEBHOOK_PROPERTY = "bitrix.contract.webhook";
  private static BitrixEmulator emulator;
  private static BitrixClient client;
  private static int userId;

  @BeforeAll
  static void connect() {
    String live = System.getProperty(WEBHOOK_PROPERTY, "");
    String url;
    if (live.isBlank()) {
      System.out.println("BitrixContractTest: against the in-process emulator (set -D"
          + WEBHOOK_PROPERTY + "=<webhook URL> and -Dbitrix.contract.user.id=<id> for a live portal)");
      emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
      url = emulator.webhookUrl();
      userId = 11;
    } else {
      url = live;
      userId = Integer.parseInt(System.getProperty("bitrix.contract.user.id", "1"));
    }
    SecretRedactor redactor = new SecretRedactor();
    client = new BitrixClient("contract", new WebhookAuthenticator(url, redactor),
        new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build(),
        new BitrixErrorClassifier(), redactor);
  }

  @AfterAll
  static void stop() {
    if (emulator != null) {
      emulator.close();
    }
  }

  private static Map<String, Object> registerParams(String external) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("USER_ID", userId);
    p.put("PHONE_NUMBER", "+7 (906) 219-50-47");
    p.put("TYPE", 2);
    p.put("CALL_START_DATE", OffsetDateTime.now(ZoneOffset.ofHours(3)).truncatedTo(ChronoUnit.SECONDS).toString());
    p.put("CRM_CREATE", 0);
    p.put("SHOW", 0);
    p.put("LINE_NUMBER", "contract-test");
    p.put("EXTERNAL_CALL_ID", external);
    return p;
  }

  private static JsonNode ok(BitrixReply reply) {
    assertThat(reply).as(String.valueOf(reply)).isInstanceOf(BitrixReply.Success.class);
    return ((BitrixReply.Success) reply).result();
  }

  private static BitrixReply.Failure failed(BitrixReply reply) {
    assertThat(reply).as(String.valueOf(reply)).isInstanceOf(BitrixReply.Failure.class);
    return (BitrixReply.Failure) reply;
  }

  private static String register(String external) {
    return ok(client.call("telephony.externalcall.register", registerParams(external), false))
        .get("CALL_ID").asText();
  }

  @Test
  void registerReturnsAnOpaqueCallIdWithTheTimeBlockAndReRegisteringIsDeduplicated() {
    String external = "contract-" + UUID.randomUUID();
    BitrixReply first = client.call("telephony.externalcall.register", registerParams(external), false);
    String callId = ok(first).get("CALL_ID").asText();
    assertThat(callId).matches("externalCall\\.[0-9a-f]{32}\\.[0-9]+");
    assertThat(((BitrixReply.Success) first).envelope().get("time").has("date_start")).isTrue();
    assertThat(register(external)).isEqualTo(callId);
    assertThat(register("contract-" + UUID.randomUUID())).isNotEqualTo(callId);
  }

  @Test
  void showHideFinishOnceThenCallIsNotFoundAndHideReturnsFalse() {
    String callId = register("contract-" + UUID.randomUUID());
    assertThat(ok(client.call("telephony.externalcall.show", Map.of("CALL_ID", callId,
        "USER_ID", List.of(userId)), false)).asBoolean()).isTrue();
    assertThat(ok(client.call("telephony.externalcall.hide", Map.of("CALL_ID", callId,
        "USER_ID", userId), false)).asBoolean()).isTrue();
    Map<String, Object> finish = Map.of("CALL_ID", callId, "USER_ID", userId, "DURATION", 42,
        "STATUS_CODE", "200", "ADD_TO_CHAT", 0);
    JsonNode stat = ok(client.call("telephony.externalcall.finish", finish, true));
    assertThat(stat.get("CALL_FAILED_CODE").asText()).isEqualTo("200");
    assertThat(stat.get("CALL_DURATION").asInt()).isEqualTo(42);
    BitrixReply.Failure again = failed(client.call("telephony.externalcall.finish", finish, true));
    assertThat(again.error().httpStatus()).isEqualTo(400);
    assertThat(again.error().description())
        .startsWith("Call is not found (call should be registered prior to finishing");
    assertThat(again.errorClass()).isEqualTo(ErrorClass.ALREADY_APPLIED);
    assertThat(ok(client.call("telephony.externalcall.hide", Map.of("CALL_ID", callId), false))
        .asBoolean()).isFalse();
  }

  @Test
  void attachRecordOnlyAfterFinish() {
    String callId = register("contract-" + UUID.randomUUID());
    Map<String, Object> record = Map.of("CALL_ID", callId, "FILENAME", "call.mp3",
        "FILE_CONTENT", "SUQzAwAAAAAA");
    BitrixReply.Failure early = failed(client.call("telephony.externalCall.attachRecord", record, true));
    assertThat(early.error().description()).isEqualTo(
        "Call is not found in the statistic table. Looks like it is not finished yet.");
    assertThat(early.errorClass()).isEqualTo(ErrorClass.RETRY);
    ok(client.call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", userId,
        "DURATION", 5), true));
    assertThat(ok(client.call("telephony.externalCall.attachRecord", record, true)).get("FILE_ID")
        .isInt()).isTrue();
    JsonNode upload = ok(client.call("telephony.externalCall.attachRecord",
        Map.of("CALL_ID", callId, "FILENAME", "call.wav"), true));
    assertThat(upload.get("fieldName").asText()).isEqualTo("file");
    assertThat(upload.get("uploadUrl").asText()).contains("token=");
  }

  @Test
  void validationErrorsComeWithAnEmptyCodeAndUnknownMethodsWith404() {
    Map<String, Object> noUser = registerParams("contract-" + UUID.randomUUID());
    noUser.remove("USER_ID");
    BitrixReply.Failure f = failed(client.call("telephony.externalcall.register", noUser, false));
    assertThat(f.error().httpStatus()).isEqualTo(400);
    assertThat(f.error().description()).isEqualTo("USER_ID or USER_PHONE_INNER should be set");
    assertThat(f.errorClass()).isEqualTo(ErrorClass.PERMANENT);
    BitrixReply.Failure missing = failed(client.call("telephony.externalcall.nosuchmethod", Map.of(), false));
    assertThat(missing.error().httpStatus()).isEqualTo(404);
    assertThat(missing.error().code()).isEqualTo("ERROR_METHOD_NOT_FOUND");
  }

  @Test
  void batchChainsRegisterFinishThroughResultReferences() {
    Map<String, Object> reg = registerParams("contract-" + UUID.randomUUID());
    Map<String, Object> fin = new LinkedHashMap<>();
    fin.put("CALL_ID", "$result[r][CALL_ID]");
    fin.put("USER_ID", userId);
    fin.put("DURATION", 3);
    JsonNode result = ok(client.batch(List.of(
        new BatchCommand("r", "telephony.externalcall.register", reg),
        new BatchCommand("f", "telephony.externalcall.finish", fin))));
    BatchReply batch = BitrixClient.parseBatch(result);
    assertThat(batch.errors()).isEmpty();
    assertThat(batch.results().get("f").get("CALL_ID").asText())
        .isEqualTo(batch.results().get("r").get("CALL_ID").asText());
  }
}
