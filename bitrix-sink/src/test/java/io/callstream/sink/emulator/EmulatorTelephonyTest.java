package io.callstream.sink.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixErrorClassifier;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.client.ErrorClass;
import io.callstream.sink.client.OAuthAuthenticator;
import io.callstream.sink.client.SecretRedactor;
import io.callstream.sink.client.WebhookAuthenticator;
import io.callstream.sink.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The emulated portal's telephony rules from contract §3 and §9 that go beyond one call. */
@Timeout(60)
class EmulatorTelephonyTest {

  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
  private final SecretRedactor redactor = new SecretRedactor();
  private final List<BitrixEmulator> emulators = new ArrayList<>();

  @AfterEach
  void close() {
    emulators.forEach(BitrixEmulator::close);
  }

  private BitrixClient start(EmulatorConfig config) {
    BitrixEmulator e = BitrixEmulator.start(config);
    emulators.add(e);
    return new BitrixClient("p", new WebhookAuthenticator(e.webhookUrl(), redactor), http,
        new BitrixErrorClassifier(), redactor);
  }

  private BitrixEmulator emulator() {
    return emulators.get(emulators.size() - 1);
  }

  private static JsonNode ok(BitrixReply reply) {
    assertThat(reply).isInstanceOf(BitrixReply.Success.class);
    return ((BitrixReply.Success) reply).result();
  }

  private static BitrixReply.Failure failed(BitrixReply reply) {
    assertThat(reply).isInstanceOf(BitrixReply.Failure.class);
    return (BitrixReply.Failure) reply;
  }

  private static Map<String, Object> register(int user, String phone, int type) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("USER_ID", user);
    p.put("PHONE_NUMBER", phone);
    p.put("TYPE", type);
    p.put("CRM_CREATE", 1);
    p.put("SHOW", 1);
    return p;
  }

  @Test
  void aNumberThatIsAnActiveEmployeesExtensionMakesAnInternalCallWithoutCrmSearchOrLead() {
    BitrixClient c = start(EmulatorConfig.builder().build());
    ok(c.call("telephony.externalcall.register", register(11, "+79990001122", 1), false));
    JsonNode external = ok(c.call("telephony.externalcall.register", register(12, "+79990001122", 1),
        false));
    assertThat(external.get("CRM_ENTITY_TYPE").asText()).isEqualTo("LEAD");

    JsonNode internal = ok(c.call("telephony.externalcall.register", register(11, "102", 1), false));
    assertThat(internal.get("CRM_ENTITY_TYPE").asText()).isEmpty();
    assertThat(internal.get("CRM_ENTITY_ID").isNull()).isTrue();
    assertThat(internal.get("CRM_CREATED_LEAD").isNull()).isTrue();
    assertThat(internal.get("CRM_CREATED_ENTITIES")).isEmpty();
    JsonNode notAnExtension = ok(c.call("telephony.externalcall.register", register(11, "199", 1),
        false));
    assertThat(notAnExtension.get("CRM_CREATED_LEAD").isInt()).isTrue();

    Ledger ledger = emulator().ledger();
    assertThat(ledger.leads()).extracting(Ledger.Lead::phone).containsExactly("+79990001122", "199");
    assertThat(ledger.calls()).extracting(Ledger.Call::internal).containsExactly(false, false, true,
        false);
    assertThat(ledger.calls().get(2).crmLeadId()).isNull();
  }

  @Test
  void userGetListsTheAdministratorWhoCreatedTheWebhookWhoCanOwnCalls() {
    BitrixClient c = start(EmulatorConfig.builder().build());
    JsonNode users = ok(c.call("user.get", Map.of(), false));
    assertThat(users.get(0).get("ID").asText()).isEqualTo("1");
    assertThat(users.get(0).get("ACTIVE").asBoolean()).isTrue();
    assertThat(users.get(0).has("UF_PHONE_INNER")).isFalse();
    assertThat(users).hasSize(6);

    String callId = ok(c.call("telephony.externalcall.register", register(1, "+79990001122", 2),
        false)).get("CALL_ID").asText();
    ok(c.call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 1,
        "STATUS_CODE", "304"), true));
    assertThat(failed(c.call("telephony.externalcall.register", register(2, "+79990001122", 2),
        false)).error().description()).isEqualTo("User is not found or is not active");
  }

  @Test
  void aCallNeverFinishedIsPurgedThirtyDaysAfterItsStartDateOnTheEmulatorsClock() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    BitrixClient c = start(EmulatorConfig.builder().clock(clock).build());
    Map<String, Object> stale = register(11, "+79990001122", 2);
    stale.put("CALL_START_DATE", "2026-11-01T13:00:00+03:00");
    String staleId = ok(c.call("telephony.externalcall.register", stale, false)).get("CALL_ID").asText();
    Map<String, Object> later = register(12, "+79990003344", 2);
    later.put("CALL_START_DATE", "2026-11-03T10:00:00Z");
    String laterId = ok(c.call("telephony.externalcall.register", later, false)).get("CALL_ID").asText();
    String doneId = ok(c.call("telephony.externalcall.register", register(13, "+79990005566", 2),
        false)).get("CALL_ID").asText();
    ok(c.call("telephony.externalcall.finish", Map.of("CALL_ID", doneId, "USER_ID", 13), true));

    clock.advance(Duration.ofDays(30));
    assertThat(emulator().ledger().calls()).hasSize(3);
    assertThat(emulator().ledger().purgedCalls()).isZero();
    clock.advance(Duration.ofSeconds(1));

    Ledger ledger = emulator().ledger();
    assertThat(ledger.purgedCalls()).isEqualTo(1);
    assertThat(ledger.calls()).extracting(Ledger.Call::callId).containsExactly(laterId, doneId);
    assertThat(ok(c.call("telephony.externalcall.show", Map.of("CALL_ID", staleId), false))
        .asBoolean()).isFalse();
    assertThat(failed(c.call("telephony.externalcall.finish", Map.of("CALL_ID", staleId,
        "USER_ID", 11), true)).error().description())
        .isEqualTo("Call is not found (call should be registered prior to finishing");
    ok(c.call("telephony.externalcall.finish", Map.of("CALL_ID", laterId, "USER_ID", 12), true));
  }

  @Test
  void aTranscriptIsAttachedOnlyToAFinishedCallAndItsMessagesAreValidatedInOrder()
      throws Exception {
    BitrixClient c = start(EmulatorConfig.builder().build());
    String callId = ok(c.call("telephony.externalcall.register", register(11, "+79990001122", 2),
        false)).get("CALL_ID").asText();
    List<Map<String, Object>> messages = List.of(
        Map.of("SIDE", "User", "START_TIME", 0, "STOP_TIME", 3, "MESSAGE", "Hello"),
        Map.of("SIDE", "Client", "START_TIME", 3, "STOP_TIME", 7, "MESSAGE", "Hi, about my order"));
    assertThat(failed(c.call("telephony.call.attachTranscription", Map.of("CALL_ID", callId,
        "MESSAGES", messages), true)).error().description())
        .isEqualTo("Call " + callId + " is not found. Is it finished?");
    ok(c.call("telephony.externalcall.finish", Map.of("CALL_ID", callId, "USER_ID", 11,
        "DURATION", 7), true));

    Map<Map<String, Object>, String> refused = new LinkedHashMap<>();
    refused.put(Map.of("MESSAGES", messages), "CALL_ID should be set");
    refused.put(Map.of("CALL_ID", callId, "MESSAGES", "hello"), "MESSAGES should be an array");
    refused.put(Map.of("CALL_ID", callId, "MESSAGES", List.of(messages.get(0),
        Map.of("SIDE", "Agent", "START_TIME", 1, "STOP_TIME", 2, "MESSAGE", "x"))),
        "MESSAGES[1][SIDE] should be either Client or User");
    refused.put(Map.of("CALL_ID", callId, "MESSAGES", List.of(Map.of("SIDE", "User",
        "START_TIME", -1, "STOP_TIME", 2, "MESSAGE", "x"))),
        "MESSAGES[0][START_TIME] should be greater or equal to zero");
    refused.put(Map.of("CALL_ID", callId, "MESSAGES", List.of(Map.of("SIDE", "User",
        "START_TIME", 0, "STOP_TIME", 0, "MESSAGE", "x"))),
        "MESSAGES[0][STOP_TIME] should be greater than zero");
    refused.put(Map.of("CALL_ID", callId, "MESSAGES", List.of(Map.of("SIDE", "Client",
        "START_TIME", 0, "STOP_TIME", 2, "MESSAGE", ""))), "MESSAGES[0][MESSAGE] is empty");
    refused.forEach((params, error) -> {
      BitrixReply.Failure f = failed(c.call("telephony.call.attachTranscription", params, true));
      assertThat(f.error().httpStatus()).isEqualTo(400);
      assertThat(f.error().code()).isEmpty();
      assertThat(f.error().description()).isEqualTo(error);
    });

    JsonNode attached = ok(c.call("telephony.call.attachTranscription", Map.of("CALL_ID", callId,
        "MESSAGES", messages, "COST", "0.5", "COST_CURRENCY", "USD"), true));
    assertThat(attached.get("TRANSCRIPT_ID").isInt()).isTrue();
    // A form-encoded request carries MESSAGES as an indexed map.
    try (okhttp3.Response form = http.newCall(new okhttp3.Request.Builder()
        .url(emulator().webhookUrl() + "telephony.call.attachTranscription")
        .post(new okhttp3.FormBody.Builder().add("CALL_ID", callId)
            .add("MESSAGES[0][SIDE]", "Client").add("MESSAGES[0][START_TIME]", "0")
            .add("MESSAGES[0][STOP_TIME]", "4").add("MESSAGES[0][MESSAGE]", "Bye").build())
        .build()).execute()) {
      assertThat(form.code()).isEqualTo(200);
      assertThat(form.body().string()).contains("\"TRANSCRIPT_ID\":");
    }

    Ledger.Call call = emulator().ledger().calls().get(0);
    assertThat(call.transcripts()).hasSize(2);
    assertThat(call.transcripts().get(0).messages()).extracting(Ledger.TranscriptMessage::side)
        .containsExactly("User", "Client");
    assertThat(call.transcripts().get(0).costCurrency()).isEqualTo("USD");
    assertThat(call.transcripts().get(1).messages()).singleElement()
        .extracting(Ledger.TranscriptMessage::message).isEqualTo("Bye");
  }

  @Test
  void externalLinesAreAddedUpdatedDeletedPerApplicationAndARegisterCreatesAnUnknownLine() {
    BitrixClient webhook = start(EmulatorConfig.builder().build());
    EmulatorConfig cfg = emulator().config();
    BitrixClient app = new BitrixClient("p", new OAuthAuthenticator(emulator().oauthRestEndpoint(),
        emulator().tokenUrl(), cfg.oauthClientId(), cfg.oauthClientSecret(),
        new OAuthAuthenticator.Tokens(cfg.accessToken(), cfg.refreshToken()), http, redactor,
        t -> { }), http, new BitrixErrorClassifier(), redactor);

    JsonNode added = ok(webhook.call("telephony.externalLine.add", Map.of("NUMBER", " 74950001122 ",
        "NAME", "Main line"), false));
    assertThat(added.get("ID").isInt()).isTrue();
    assertThat(failed(webhook.call("telephony.externalLine.add", Map.of("NUMBER", "74950001122"),
        false)).error().description()).isEqualTo("Line already exists");
    assertThat(failed(webhook.call("telephony.externalLine.add", Map.of("NAME", "x"), false))
        .error().description()).isEqualTo("NUMBER should not be empty");
    assertThat(failed(webhook.call("telephony.externalLine.update", Map.of("NUMBER", "74950001122"),
        false)).error().description()).isEqualTo("There are no fields to update");
    JsonNode updated = ok(webhook.call("telephony.externalLine.update", Map.of("NUMBER",
        "74950001122", "CRM_AUTO_CREATE", "N"), false));
    assertThat(updated.get("ID").isTextual()).isTrue();
    assertThat(updated.get("ID").asText()).isEqualTo(added.get("ID").asText());
    assertThat(failed(webhook.call("telephony.externalLine.update", Map.of("NUMBER", "999",
        "NAME", "x"), false)).error().description()).isEqualTo("Could not find line with number 999");

    Map<String, Object> viaLine = register(11, "+79990001122", 2);
    viaLine.put("LINE_NUMBER", "  74957778899 ");
    ok(webhook.call("telephony.externalcall.register", viaLine, false));
    JsonNode lines = ok(webhook.call("telephony.externalLine.get", Map.of(), false));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("NUMBER").asText()).isEqualTo("74950001122");
    assertThat(lines.get(0).get("NAME").asText()).isEqualTo("Main line");
    assertThat(lines.get(0).get("CRM_AUTO_CREATE").asText()).isEqualTo("N");
    assertThat(lines.get(1).get("NUMBER").asText()).isEqualTo("74957778899");
    assertThat(lines.get(1).get("NAME").isNull()).isTrue();
    assertThat(lines.get(1).get("CRM_AUTO_CREATE").asText()).isEqualTo("Y");
    assertThat(failed(webhook.call("telephony.externalLine.add", Map.of("NUMBER", "74957778899"),
        false)).error().description()).isEqualTo("Line already exists");

    assertThat(ok(app.call("telephony.externalLine.get", Map.of(), false)))
        .as("an application does not see the webhooks' lines").isEmpty();
    ok(app.call("telephony.externalLine.add", Map.of("NUMBER", "74950001122"), false));

    JsonNode deleted = ok(webhook.call("telephony.externalLine.delete", Map.of("NUMBER",
        "74950001122"), false));
    assertThat(deleted.isArray()).isTrue();
    assertThat(deleted).isEmpty();
    assertThat(failed(webhook.call("telephony.externalLine.delete", Map.of("NUMBER", "74950001122"),
        false)).error().description()).isEqualTo("Could not find line with number 74950001122");
    assertThat(emulator().ledger().lines()).extracting(Ledger.Line::app, Ledger.Line::number)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("", "74957778899"),
            org.assertj.core.groups.Tuple.tuple(cfg.oauthClientId(), "74950001122"));
  }

  @Test
  void aRequestLongerThanTheTimeLimitIsAbortedUnexecutedWithAnHtml504() {
    BitrixClient c = start(EmulatorConfig.builder().latency(Duration.ofMillis(100))
        .requestTimeLimit(Duration.ofMillis(400)).build());
    ok(c.call("telephony.externalcall.register", register(11, "+79990001122", 2), false));
    emulator().faults().slow(1.0, Duration.ofSeconds(2));
    long started = System.nanoTime();
    BitrixReply.Failure aborted = failed(c.call("telephony.externalcall.register",
        register(12, "+79990003344", 2), false));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(aborted.error().httpStatus()).isEqualTo(504);
    assertThat(aborted.errorClass()).isEqualTo(ErrorClass.MAYBE_APPLIED);
    assertThat(emulator().ledger().calls()).hasSize(1);
    assertThat(emulator().ledger().rejected("HTTP_504_ABORTED")).isEqualTo(1);
    assertThat(EmulatorConfig.builder().build().requestTimeLimit()).hasSeconds(60);
  }
}
