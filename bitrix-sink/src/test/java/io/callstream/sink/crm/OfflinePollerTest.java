package io.callstream.sink.crm;

import static io.callstream.sink.crm.CrmFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.PbxCommandKind;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.mapping.CrmCallTimeout;
import java.net.InetAddress;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OfflinePollerTest {

  private static final String CLICK = "{\"ID\":7,\"TIMESTAMP_X\":\"2026-03-11T12:59:50+03:00\","
      + "\"EVENT_NAME\":\"ONEXTERNALCALLSTART\",\"EVENT_DATA\":{\"PHONE_NUMBER\":\"+494951234567\","
      + "\"PHONE_NUMBER_INTERNATIONAL\":\"+494951234567\",\"EXTENSION\":\"\",\"USER_ID\":\"12\","
      + "\"CALL_LIST_ID\":\"0\",\"LINE_NUMBER\":\"7\",\"IS_MOBILE\":\"0\",\"CALL_ID\":"
      + "\"externalCall.89350264e026dace3f2b14d1f438257c.1773236989\",\"CRM_ENTITY_TYPE\":\"CONTACT\","
      + "\"CRM_ENTITY_ID\":\"797\"},\"EVENT_ADDITIONAL\":[],\"MESSAGE_ID\":\"m7\"}";
  private static final String INJECTED = "{\"ID\":8,\"TIMESTAMP_X\":\"2026-03-11T12:59:55+03:00\","
      + "\"EVENT_NAME\":\"ONEXTERNALCALLSTART\",\"EVENT_DATA\":{\"PHONE_NUMBER\":\"123\\r\\nAction: Originate\","
      + "\"USER_ID\":\"12\",\"CALL_ID\":\"externalCall.aa.1\"},\"MESSAGE_ID\":\"m8\"}";

  private MockWebServer server;
  private final List<String> timeline = CrmFixtures.timeline();
  private CrmFixtures.ScriptedPortal portal;
  private CrmFixtures.RecordingPublisher publisher;
  private PublishedCommands published;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    portal = new CrmFixtures.ScriptedPortal(timeline);
    server.setDispatcher(portal);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    publisher = new CrmFixtures.RecordingPublisher(timeline);
    published = new PublishedCommands();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private OfflinePoller poller(int attempts) {
    SinkConfig config = SinkConfig.fromMap(CrmFixtures.config());
    var client = CrmFixtures.client(server);
    return new OfflinePoller("main", client, "sink-main",
        CrmFixtures.processor(config, client, publisher, published, attempts),
        CrmFixtures.calls(attempts), CrmFixtures.CLOCK);
  }

  private static MockResponse events(String... events) {
    return json(200, "{\"result\":{\"process_id\":\"sink-main\",\"events\":["
        + String.join(",", events) + "]},\"time\":{}}");
  }

  @Test
  void clearsOnlyAfterKafkaAcknowledgedAndOnlyTheIdsItPublished() throws Exception {
    portal.on("event.offline.get", events(CLICK))
        .on("user.get", CrmFixtures.user(12, "102"))
        .on("event.offline.clear", json(200, "{\"result\":true,\"time\":{}}"));

    OfflinePoller.Round round = poller(3).pollOnce();

    assertThat(round.received()).isEqualTo(1);
    assertThat(round.cleared()).isEqualTo(1);
    assertThat(timeline).containsExactly("event.offline.get", "user.get", "kafka-ack",
        "event.offline.clear");
    String get = portal.requests.get(0).getBody().readUtf8();
    assertThat(get).contains("\"process_id\":\"sink-main\"", "\"clear\":0",
        "\"EVENT_NAME\":[\"ONEXTERNALCALLSTART\",\"ONEXTERNALCALLBACKSTART\"]");
    assertThat(portal.requests.get(2).getBody().readUtf8())
        .contains("\"process_id\":\"sink-main\"", "\"id\":[7]");
    PbxCommand c = publisher.commands.get(0);
    assertThat(c.getKind()).isEqualTo(PbxCommandKind.CLICK_TO_CALL);
    assertThat(c.getPbxId()).isEqualTo("pbx1");
    assertThat(c.getExtension()).isEqualTo("102");
    assertThat(c.getNumber()).isEqualTo("+494951234567");
    assertThat(c.getCrmCallId()).isEqualTo("externalCall.89350264e026dace3f2b14d1f438257c.1773236989");
    assertThat(c.getCommandId()).isEqualTo(
        "bitrix:main:click:externalCall.89350264e026dace3f2b14d1f438257c.1773236989");
    assertThat(c.getCrmEntityType()).isEqualTo("CONTACT");
    assertThat(c.getCrmEntityId()).isEqualTo("797");
    assertThat(c.getDetails()).containsEntry("LINE_NUMBER", "7");
    assertThat(publisher.timeouts).singleElement().satisfies(t -> {
      assertThat(t.getCommandId()).isEqualTo(CrmCallTimeout.commandId("main", c.getCrmCallId()));
      assertThat(t.getCallId()).isEqualTo(c.getCommandId());
      assertThat(t.getParams()).containsEntry("CALL_ID", c.getCrmCallId())
          .containsEntry("USER_ID", "12").containsEntry("STATUS_CODE", "304")
          .containsEntry(CrmCallTimeout.FINISH_AT_PARAM,
              Long.toString(CrmFixtures.NOW.plusSeconds(1800).toEpochMilli()));
    });
  }

  @Test
  void nothingIsClearedWhenKafkaDidNotTakeTheCommands() {
    portal.on("event.offline.get", events(CLICK)).on("user.get", CrmFixtures.user(12, "102"));
    publisher.fail = true;

    assertThatThrownBy(() -> poller(3).pollOnce()).isInstanceOf(OfflinePoller.PollException.class)
        .hasMessageContaining("Kafka");
    assertThat(portal.count("event.offline.clear")).isZero();
  }

  @Test
  void aRequestReadAgainAfterARestartIsClearedWithoutASecondCommand() throws Exception {
    portal.on("event.offline.get", events(CLICK))
        .on("user.get", CrmFixtures.user(12, "102"))
        .on("event.offline.clear", json(503, "<html>busy</html>"));
    OfflinePoller.Round first = poller(2).pollOnce();
    assertThat(first.clearError()).get().asString().contains("event.offline.clear");
    assertThat(portal.count("event.offline.clear")).isEqualTo(2);

    portal.on("event.offline.clear", json(200, "{\"result\":true,\"time\":{}}"));
    OfflinePoller.Round again = poller(2).pollOnce();

    assertThat(again.cleared()).isEqualTo(1);
    assertThat(publisher.commands).hasSize(1);
    assertThat(portal.count("user.get")).isEqualTo(1);
  }

  @Test
  void throttledReadsAreRetriedABoundedNumberOfTimesThenReported() {
    portal.on("event.offline.get", json(503,
        "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}"));

    assertThatThrownBy(() -> poller(3).pollOnce()).isInstanceOf(OfflinePoller.PollException.class)
        .hasMessageContaining("RETRY").hasMessageContaining("QUERY_LIMIT_EXCEEDED");
    assertThat(portal.count("event.offline.get")).isEqualTo(3);
  }

  @Test
  void permanentErrorsAreNotRetried() {
    portal.on("event.offline.get", json(403, "{\"error\":\"WRONG_AUTH_TYPE\","
        + "\"error_description\":\"Current authorization type is denied for this method\"}"));

    assertThatThrownBy(() -> poller(3).pollOnce()).hasMessageContaining("PERMANENT");
    assertThat(portal.count("event.offline.get")).isEqualTo(1);
  }

  @Test
  void aNumberWithAnInjectedActionIsDeadLetteredWithItsReasonAndCleared() throws Exception {
    portal.on("event.offline.get", events(INJECTED))
        .on("event.offline.clear", json(200, "{\"result\":true,\"time\":{}}"));

    OfflinePoller.Round round = poller(3).pollOnce();

    assertThat(round.cleared()).isEqualTo(1);
    assertThat(publisher.commands).isEmpty();
    assertThat(publisher.deadLetters).singleElement().satisfies(d -> {
      assertThat(d.portalId()).isEqualTo("main");
      assertThat(d.letter().getReason()).contains("is not digits").doesNotContain("\r", "\n")
          .doesNotContain(CrmFixtures.TOKEN);
      assertThat(d.letter().getCommand()).isNull();
    });
    assertThat(publisher.timeouts).as("Bitrix24's call for the refused click is finished at once")
        .singleElement().satisfies(t -> {
          assertThat(t.getParams()).containsEntry("CALL_ID", "externalCall.aa.1")
              .containsEntry("USER_ID", "12").containsEntry("STATUS_CODE", "304")
              .containsEntry(CrmCallTimeout.FINISH_AT_PARAM,
                  Long.toString(CrmFixtures.NOW.toEpochMilli()));
          assertThat(t.getParams().get("FAILED_REASON")).startsWith("not called: number")
              .doesNotContain("\r", "\n");
        });
  }

  @Test
  void anUnreachableUserDirectoryLeavesTheRequestInTheQueue() throws Exception {
    portal.on("event.offline.get", events(CLICK))
        .on("user.get", json(500, "{\"error\":\"INTERNAL_SERVER_ERROR\",\"error_description\":\"x\"}"));

    OfflinePoller.Round round = poller(2).pollOnce();

    assertThat(round.received()).isEqualTo(1);
    assertThat(round.cleared()).isZero();
    assertThat(portal.count("user.get")).isEqualTo(2);
    assertThat(portal.count("event.offline.clear")).isZero();
    assertThat(publisher.commands).isEmpty();
  }
}
