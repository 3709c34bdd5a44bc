package io.callstream.sink.crm;

import static io.callstream.sink.crm.CrmFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.PbxCommandKind;
import io.callstream.sink.config.SinkConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandFactoryTest {

  private MockWebServer server;
  private final List<String> timeline = CrmFixtures.timeline();
  private CrmFixtures.ScriptedPortal portal;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    portal = new CrmFixtures.ScriptedPortal(timeline);
    server.setDispatcher(portal);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private CommandFactory factory(Map<String, String> config) {
    SinkConfig c = SinkConfig.fromMap(config);
    var client = CrmFixtures.client(server);
    BoundedCalls calls = CrmFixtures.calls(2);
    return new CommandFactory(c.portals().get("main"), new AgentLookup(client, calls,
        Duration.ofMinutes(5)), new CallbackRegistrar(client, calls, c.portals().get("main")),
        CrmFixtures.CLOCK);
  }

  private static CrmRequest click(String number, Instant sentAt) {
    Map<String, String> d = new HashMap<>();
    d.put("PHONE_NUMBER", number);
    d.put("USER_ID", "12");
    d.put("CALL_ID", "externalCall.abc.1");
    return new CrmRequest("main", CrmEvent.CLICK_TO_CALL, d, sentAt, "ts:1");
  }

  private static CrmRequest callback(String number) {
    return new CrmRequest("main", CrmEvent.CALLBACK, Map.of("PHONE_NUMBER", number,
        "TEXT", "Call me\r\nback", "VOICE", "ruinternalfemale", "CRM_ENTITY_TYPE", "CONTACT",
        "CRM_ENTITY_ID", "5785", "LINE_NUMBER", "7"), CrmFixtures.NOW.minusSeconds(3), "offline:9");
  }

  @ParameterizedTest
  @ValueSource(strings = {"123\r\nAction: Originate", "123\nChannel: SIP/evil", "+7 495 abc",
      "++74951234567", "74951234567+", "1234567890123456789012345678901234", "",
      "*97", "123;456", "+7495,1", "12\u00003"})
  void numbersThatAreNotDigitsWithAnOptionalPlusAreRejectedBeforeAnyLookup(String number)
      throws Exception {
    Decision d = factory(CrmFixtures.config()).decide(click(number, CrmFixtures.NOW), "id");

    assertThat(d).isInstanceOf(Decision.Reject.class);
    assertThat(((Decision.Reject) d).reason()).contains("is not digits")
        .doesNotContainPattern("\\p{Cntrl}");
    assertThat(timeline).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"+7 (906) 219-50-47", "8.906.219.50.47", "+79062195047"})
  void visualSeparatorsAreRemoved(String number) throws Exception {
    portal.on("user.get", CrmFixtures.user(12, "102"));

    Decision d = factory(CrmFixtures.config()).decide(click(number, CrmFixtures.NOW), "id");

    assertThat(((Decision.Publish) d).command().getNumber()).matches("\\+?[0-9]+");
  }

  @ParameterizedTest
  @ValueSource(strings = {"102\r\nAction: Hangup", "12345678901234567", "10 2", "102;evil", ""})
  void extensionsOutsideThePbxRulesAreRejected(String extension) throws Exception {
    portal.on("user.get", CrmFixtures.user(12, extension));

    Decision d = factory(CrmFixtures.config()).decide(click("+74951234567", CrmFixtures.NOW), "id");

    assertThat(d).isInstanceOf(Decision.Reject.class);
    assertThat(((Decision.Reject) d).reason()).contains("user 12").doesNotContainPattern("\\p{Cntrl}");
  }

  @Test
  void anUnknownUserIsRejectedWithTheReason() throws Exception {
    portal.on("user.get", json(200, "{\"result\":[],\"total\":0,\"time\":{}}"));

    Decision d = factory(CrmFixtures.config()).decide(click("+74951234567", CrmFixtures.NOW), "id");

    assertThat(((Decision.Reject) d).reason()).contains("user 12 does not exist");
  }

  @Test
  void aStaleRequestIsNotExecuted() throws Exception {
    Decision d = factory(CrmFixtures.config()).decide(
        click("+74951234567", CrmFixtures.NOW.minusSeconds(121)), "id");

    assertThat(((Decision.Reject) d).reason()).contains("121 s old");
    assertThat(timeline).isEmpty();
  }

  @Test
  void aCallbackIsRegisteredWithTypeFourAndCarriesItsCallId() throws Exception {
    portal.on("telephony.externalcall.register", json(200, "{\"result\":{\"CALL_ID\":"
        + "\"externalCall.cb.1\",\"CRM_CREATED_LEAD\":null,\"CRM_ENTITY_TYPE\":\"CONTACT\","
        + "\"CRM_ENTITY_ID\":5785},\"time\":{}}"));

    Decision d = factory(CrmFixtures.config()).decide(callback("+494951234567"),
        "bitrix:main:callback:abc");

    var c = ((Decision.Publish) d).command();
    assertThat(c.getKind()).isEqualTo(PbxCommandKind.CALLBACK);
    assertThat(c.getExtension()).isEqualTo("101");
    assertThat(c.getCrmCallId()).isEqualTo("externalCall.cb.1");
    assertThat(c.getDetails()).containsEntry("TEXT", "Call me  back").containsEntry("USER_ID", "15");
    String register = portal.requests.get(0).getBody().readUtf8();
    assertThat(register).contains("\"TYPE\":4", "\"USER_ID\":15", "\"SHOW\":0",
        "\"EXTERNAL_CALL_ID\":\"bitrix:main:callback:abc\"", "\"CRM_ENTITY_TYPE\":\"CONTACT\"",
        "\"CALL_START_DATE\":\"2026-03-11T09:59:57+00:00\"", "\"LINE_NUMBER\":\"7\"");
  }

  @Test
  void aCallbackWithoutAnExtensionToRingIsRejected() throws Exception {
    Map<String, String> config = CrmFixtures.config();
    config.remove("bitrix.portal.main.callback.extension");

    Decision d = factory(config).decide(callback("+494951234567"), "id");

    assertThat(((Decision.Reject) d).reason()).contains("callback.extension");
    assertThat(timeline).isEmpty();
  }

  @Test
  void aRefusedCallbackRegisterIsRejectedAndAThrottledOneWaits() throws Exception {
    portal.on("telephony.externalcall.register", json(400, "{\"error\":\"\","
        + "\"error_description\":\"User is not found or is not active\"}"));
    assertThat(factory(CrmFixtures.config()).decide(callback("+494951234567"), "id"))
        .isInstanceOf(Decision.Reject.class);

    portal.on("telephony.externalcall.register", json(503, "{\"error\":\"QUERY_LIMIT_EXCEEDED\","
        + "\"error_description\":\"Too many requests\"}"));
    assertThat(factory(CrmFixtures.config()).decide(callback("+494951234567"), "id"))
        .isInstanceOf(Decision.Later.class);
  }

  @Test
  void commandIdsAreStablePerDeliveryAndDifferBetweenDeliveries() {
    CrmRequest a = callback("+494951234567");
    CrmRequest same = new CrmRequest("main", CrmEvent.CALLBACK, new HashMap<>(a.data()),
        a.sentAt(), a.deliveryId());
    CrmRequest other = new CrmRequest("main", CrmEvent.CALLBACK, a.data(), a.sentAt(), "offline:10");

    assertThat(RequestIds.commandId(a)).isEqualTo(RequestIds.commandId(same))
        .startsWith("bitrix:main:callback:").isNotEqualTo(RequestIds.commandId(other));
    assertThat(RequestIds.commandId(click("1", CrmFixtures.NOW)))
        .isEqualTo("bitrix:main:click:externalCall.abc.1");
  }
}
