package io.callstream.sink.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixErrorClassifier;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.client.SecretRedactor;
import io.callstream.sink.client.WebhookAuthenticator;
import java.time.Duration;
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
}
