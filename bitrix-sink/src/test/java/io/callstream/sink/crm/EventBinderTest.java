package io.callstream.sink.crm;

import static io.callstream.sink.crm.CrmFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.sink.config.EventsConfig;
import io.callstream.sink.config.EventsMode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventBinderTest {

  private static final String URL = "https://pbx.example.com/bitrix24/events";
  private static final String OK = "{\"result\":true,\"time\":{}}";

  private MockWebServer server;
  private CrmFixtures.ScriptedPortal portal;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    portal = new CrmFixtures.ScriptedPortal(CrmFixtures.timeline());
    server.setDispatcher(portal);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private static EventsConfig mode(EventsMode mode) {
    return new EventsConfig(mode, Optional.of("t"), Optional.of(URL), Optional.empty(),
        Optional.of("pbx1"), Optional.empty(), Optional.empty(), Duration.ofMinutes(2));
  }

  private List<String> methodsCalled() {
    return portal.requests.stream().map(RecordedRequest::getPath)
        .map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
  }

  @Test
  void offlineModeBindsWhatIsMissingAndUnbindsOnlineHandlersOfOurEvents() throws Exception {
    portal.on("event.get", json(200, "{\"result\":[{\"event\":\"ONEXTERNALCALLSTART\",\"handler\":"
        + "\"https://old.example.com/h\",\"auth_type\":\"0\",\"offline\":0},{\"event\":"
        + "\"ONEXTERNALCALLBACKSTART\",\"connector_id\":\"\",\"offline\":1},{\"event\":"
        + "\"ONCRMLEADADD\",\"handler\":\"https://other.example.com\",\"offline\":0}],\"time\":{}}"))
        .on("event.unbind", json(200, "{\"result\":{\"count\":1},\"time\":{}}"))
        .on("event.bind", json(200, OK));

    List<String> changes = new EventBinder(CrmFixtures.client(server), CrmFixtures.calls(2))
        .ensure(mode(EventsMode.OFFLINE));

    assertThat(changes).hasSize(2);
    assertThat(methodsCalled()).containsExactly("event.get.json", "event.unbind.json", "event.bind.json");
    assertThat(portal.requests.get(1).getBody().readUtf8())
        .contains("\"event\":\"ONEXTERNALCALLSTART\"", "\"handler\":\"https://old.example.com/h\"");
    assertThat(portal.requests.get(2).getBody().readUtf8())
        .contains("\"event\":\"ONEXTERNALCALLSTART\"", "\"event_type\":\"offline\"");
  }

  @Test
  void handlerModeUnbindsTheOfflineQueueAndTreatsAlreadyBoundAsDone() throws Exception {
    portal.on("event.get", json(200, "{\"result\":[{\"event\":\"ONEXTERNALCALLSTART\","
        + "\"connector_id\":\"\",\"offline\":1}],\"time\":{}}"))
        .on("event.unbind", json(200, "{\"result\":{\"count\":1},\"time\":{}}"))
        .on("event.bind", json(400, "{\"error\":\"ERROR_CORE\",\"error_description\":"
            + "\"Unable to set event handler: Handler already binded\"}"));

    List<String> changes = new EventBinder(CrmFixtures.client(server), CrmFixtures.calls(2))
        .ensure(mode(EventsMode.HANDLER));

    assertThat(changes).hasSize(3);
    assertThat(portal.count("event.bind")).isEqualTo(2);
    assertThat(portal.requests.get(1).getBody().readUtf8()).contains("\"event_type\":\"offline\"");
    assertThat(portal.requests.get(2).getBody().readUtf8()).contains("\"handler\":\"" + URL + "\"");
  }

  @Test
  void aRefusedBindingIsReportedWithItsClass() {
    portal.on("event.get", json(200, "{\"result\":[],\"time\":{}}"))
        .on("event.bind", json(403, "{\"error\":\"ACCESS_DENIED\",\"error_description\":"
            + "\"Access denied! Offline events binding requires administrator access rights\"}"));

    assertThatThrownBy(() -> new EventBinder(CrmFixtures.client(server), CrmFixtures.calls(2))
        .ensure(mode(EventsMode.OFFLINE))).isInstanceOf(EventBinder.BindException.class)
        .hasMessageContaining("PERMANENT").hasMessageContaining("administrator");
    assertThat(portal.count("event.bind")).isEqualTo(1);
  }
}
