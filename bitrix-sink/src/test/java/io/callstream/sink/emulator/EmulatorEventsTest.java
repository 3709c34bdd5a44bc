package io.callstream.sink.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixErrorClassifier;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.client.OAuthAuthenticator;
import io.callstream.sink.client.SecretRedactor;
import io.callstream.sink.client.WebhookAuthenticator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's event bindings and offline queue (contract §5.5, §5.6). */
class EmulatorEventsTest {

  private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(3)).build();
  private BitrixEmulator e;
  private BitrixClient app;

  @BeforeEach
  void start() {
    e = BitrixEmulator.start(EmulatorConfig.builder().build());
    EmulatorConfig cfg = e.config();
    SecretRedactor redactor = new SecretRedactor();
    app = new BitrixClient("p", new OAuthAuthenticator(e.oauthRestEndpoint(), e.tokenUrl(),
        cfg.oauthClientId(), cfg.oauthClientSecret(),
        new OAuthAuthenticator.Tokens(cfg.accessToken(), cfg.refreshToken()), http, redactor, t -> { }),
        http, new BitrixErrorClassifier(), redactor);
  }

  @AfterEach
  void stop() {
    e.close();
  }

  private JsonNode ok(String method, Map<String, ?> params) {
    BitrixReply r = app.call(method, params, false);
    assertThat(r).as("%s answered %s", method, r).isInstanceOf(BitrixReply.Success.class);
    return ((BitrixReply.Success) r).result();
  }

  @Test
  void offlineEventsStayMarkedUntilClearedAndComeBackForTheSameProcessId() {
    ok("event.bind", Map.of("event", "OnExternalCallStart", "event_type", "offline"));
    ok("event.bind", Map.of("event", "OnExternalCallBackStart", "event_type", "offline"));
    assertThat(ok("event.get", Map.of())).hasSize(2)
        .allSatisfy(b -> assertThat(b.path("offline").asInt()).isEqualTo(1));
    String callId = e.clickToCall(12, "+74951234567", "7");
    e.callbackRequest("+74957654321", "Call back", "CONTACT", 5, "7");

    JsonNode first = ok("event.offline.get", Map.of("process_id", "p1", "clear", 0));
    assertThat(first.path("process_id").asText()).isEqualTo("p1");
    assertThat(first.path("events")).hasSize(2);
    JsonNode click = first.path("events").get(0);
    assertThat(click.path("EVENT_NAME").asText()).isEqualTo("ONEXTERNALCALLSTART");
    assertThat(click.path("EVENT_DATA").path("CALL_ID").asText()).isEqualTo(callId);
    assertThat(click.path("TIMESTAMP_X").asText()).endsWith("+03:00");
    assertThat(first.path("events").get(1).path("EVENT_DATA").has("CALL_ID")).isFalse();

    assertThat(ok("event.offline.get", Map.of("clear", 0)).path("events"))
        .as("marked events are not handed to another process").isEmpty();
    assertThat(ok("event.offline.get", Map.of("process_id", "p1", "clear", 0)).path("events"))
        .hasSize(2);

    ok("event.offline.clear", Map.of("process_id", "p1", "id", List.of(click.path("ID").asInt())));
    assertThat(ok("event.offline.list", Map.of())).singleElement()
        .satisfies(x -> assertThat(x.path("PROCESS_ID").asText()).isEqualTo("p1"));
    assertThat(e.ledger().offlineEventsWaiting()).isEqualTo(1);

    JsonNode cleared = ok("event.offline.get", Map.of("process_id", "p1"));
    assertThat(cleared.path("process_id").isNull()).isTrue();
    assertThat(e.ledger().offlineEventsWaiting()).isZero();
    assertThat(e.ledger().crmEvents()).extracting(Ledger.CrmEvent::event, Ledger.CrmEvent::queuedOffline)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ONEXTERNALCALLSTART", true),
            org.assertj.core.groups.Tuple.tuple("ONEXTERNALCALLBACKSTART", true));
  }

  @Test
  void theEventNameFilterLeavesOtherEventsUnmarked() {
    ok("event.bind", Map.of("event", "OnExternalCallStart", "event_type", "offline"));
    ok("event.bind", Map.of("event", "OnExternalCallBackStart", "event_type", "offline"));
    e.clickToCall(12, "+74951234567", "7");
    e.callbackRequest("+74957654321", "", "", 0, "");

    JsonNode only = ok("event.offline.get", Map.of("process_id", "p1", "clear", 0,
        "filter", Map.of("EVENT_NAME", List.of("ONEXTERNALCALLBACKSTART"))));

    assertThat(only.path("events")).singleElement()
        .satisfies(x -> assertThat(x.path("EVENT_NAME").asText()).isEqualTo("ONEXTERNALCALLBACKSTART"));
  }

  @Test
  void aCallbackRequestCanBeTriggeredOverHttpForDemos() throws Exception {
    ok("event.bind", Map.of("event", "OnExternalCallBackStart", "event_type", "offline"));
    var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(e.baseUrl() + "/emulator/callback-request?PHONE_NUMBER=%2B74951234567"))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(e.ledger().offlineEventsWaiting()).isEqualTo(1);
    assertThat(e.ledger().crmEvents()).singleElement()
        .satisfies(x -> assertThat(x.phoneNumber()).isEqualTo("+74951234567"));
  }

  @Test
  void unbindRemovesOneKindAndEventsAreWebhookForbidden() {
    ok("event.bind", Map.of("event", "OnExternalCallStart", "event_type", "offline"));
    ok("event.bind", Map.of("event", "OnExternalCallStart", "handler", "https://h.example.com/x"));
    assertThat(ok("event.unbind", Map.of("event", "OnExternalCallStart", "event_type", "offline"))
        .path("count").asInt()).isEqualTo(1);
    assertThat(ok("event.get", Map.of())).singleElement()
        .satisfies(b -> assertThat(b.path("handler").asText()).isEqualTo("https://h.example.com/x"));
    assertThat(ok("event.unbind", Map.of("event", "OnExternalCallStart", "event_type", "offline"))
        .path("count").asInt()).isZero();
    e.clickToCall(12, "+74951234567", "7");
    assertThat(e.ledger().offlineEventsWaiting()).isZero();

    SecretRedactor redactor = new SecretRedactor();
    BitrixClient hook = new BitrixClient("p", new WebhookAuthenticator(e.webhookUrl(), redactor),
        http, new BitrixErrorClassifier(), redactor);
    BitrixReply.Failure denied = (BitrixReply.Failure) hook.call("event.offline.get", Map.of(), false);
    assertThat(denied.error().code()).isEqualTo("WRONG_AUTH_TYPE");
  }
}
