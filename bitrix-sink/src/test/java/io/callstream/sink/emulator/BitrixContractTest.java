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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The telephony contract (BITRIX24-CONTRACT.md §3, §6, §7) as executable checks, run against the
 * emulator by {@link EmulatorContractTest} and against a live portal by
 * {@link LivePortalContractTest}.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BitrixContractTest {

  private BitrixClient client;
  private int userId;

  /** The portal's incoming-webhook URL, or null when there is no portal to run against. */
  abstract String webhookUrl();

  /** Why the checks are skipped when {@link #webhookUrl()} is null. */
  String skipReason() {
    return "no portal";
  }

  /** An active user of that portal. */
  abstract int userId();

  @BeforeAll
  void connect() {
    if (webhookUrl() == null) {
      return;
    }
    userId = userId();
    SecretRedactor redactor = new SecretRedactor();
    client = new BitrixClient("contract", new WebhookAuthenticator(webhookUrl(), redactor),
        new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build(),
        new BitrixErrorClassifier(), redactor);
  }

  @BeforeEach
  void requirePortal() {
    Assumptions.assumeTrue(client != null, skipReason());
  }

  private Map<String, Object> registerParams(String external) {
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

  private JsonNode ok(BitrixReply reply) {
    assertThat(reply).as(String.valueOf(reply)).isInstanceOf(BitrixReply.Success.class);
    return ((BitrixReply.Success) reply).result();
  }

  private BitrixReply.Failure failed(BitrixReply reply) {
    assertThat(reply).as(String.valueOf(reply)).isInstanceOf(BitrixReply.Failure.class);
    return (BitrixReply.Failure) reply;
  }

  private String register(String external) {
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
