package io.callstream.sink.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import io.callstream.sink.config.ReceiverConfig;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.testing.LogCapture;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventHandlerServerTest {

  private MockWebServer bitrix;
  private EventHandlerServer handler;
  private final List<String> timeline = CrmFixtures.timeline();
  private CrmFixtures.RecordingPublisher publisher;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeEach
  void start() throws Exception {
    bitrix = new MockWebServer();
    bitrix.setDispatcher(new CrmFixtures.ScriptedPortal(timeline)
        .on("user.get", CrmFixtures.user(1269, "102")));
    bitrix.start(InetAddress.getByName("127.0.0.1"), 0);
    publisher = new CrmFixtures.RecordingPublisher(timeline);
    SinkConfig config = SinkConfig.fromMap(CrmFixtures.config());
    RequestProcessor processor = CrmFixtures.processor(config, CrmFixtures.client(bitrix),
        publisher, new PublishedCommands(), 2);
    handler = new EventHandlerServer(new ReceiverConfig(Duration.ofSeconds(1), "127.0.0.1", 0,
        "/bitrix24/events"), new ApplicationTokens(Map.of("main", CrmFixtures.TOKEN)),
        Map.of("main", "a223c6b9410f85df78e9377d6c4f7213"), processor, CrmFixtures.CLOCK);
  }

  @AfterEach
  void stop() throws Exception {
    handler.close();
    bitrix.shutdown();
  }

  /** V23 as Bitrix24 sends it, form-encoded. */
  private static Map<String, String> v23(String token) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("event", "ONEXTERNALCALLSTART");
    f.put("event_handler_id", "1055");
    f.put("data[PHONE_NUMBER]", "+494951234567");
    f.put("data[PHONE_NUMBER_INTERNATIONAL]", "+494951234567");
    f.put("data[EXTENSION]", "");
    f.put("data[USER_ID]", "1269");
    f.put("data[CALL_LIST_ID]", "0");
    f.put("data[LINE_NUMBER]", "7");
    f.put("data[IS_MOBILE]", "0");
    f.put("data[CALL_ID]", "externalCall.89350264e026dace3f2b14d1f438257c.1773236989");
    f.put("data[CRM_ENTITY_TYPE]", "CONTACT");
    f.put("data[CRM_ENTITY_ID]", "797");
    f.put("ts", Long.toString(CrmFixtures.NOW.getEpochSecond() - 1));
    f.put("auth[domain]", "some-domain.bitrix24.com");
    f.put("auth[member_id]", "a223c6b9410f85df78e9377d6c4f7213");
    if (token != null) {
      f.put("auth[application_token]", token);
    }
    return f;
  }

  private static String form(Map<String, String> f) {
    return f.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
        + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
  }

  private HttpResponse<String> post(String contentType, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + handler.address().getPort()
        + "/bitrix24/events")).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aValidRequestIsAnswered200OnlyAfterItsCommandIsInKafka() throws Exception {
    HttpResponse<String> r = post("application/x-www-form-urlencoded", form(v23(CrmFixtures.TOKEN)));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(timeline).containsExactly("user.get", "kafka-ack");
    assertThat(publisher.commands).singleElement().satisfies(c -> {
      assertThat(c.getExtension()).isEqualTo("102");
      assertThat(c.getCrmCallId()).isEqualTo("externalCall.89350264e026dace3f2b14d1f438257c.1773236989");
    });
  }

  @Test
  void everyRejectionLooksTheSameAndLeavesNoCommand() throws Exception {
    Map<String, String> wrongEvent = v23(CrmFixtures.TOKEN);
    wrongEvent.put("event", "ONCRMLEADADD");
    Map<String, String> otherPortal = v23(CrmFixtures.TOKEN);
    otherPortal.put("auth[member_id]", "someoneelse0000000000000000000000");
    List<HttpResponse<String>> answers = List.of(
        post("application/x-www-form-urlencoded", form(v23("wrong-token"))),
        post("application/x-www-form-urlencoded", form(v23(CrmFixtures.TOKEN + "x"))),
        post("application/x-www-form-urlencoded", form(v23(CrmFixtures.TOKEN.substring(1)))),
        post("application/x-www-form-urlencoded", form(v23(""))),
        post("application/x-www-form-urlencoded", form(v23(null))),
        post("application/x-www-form-urlencoded", form(wrongEvent)),
        post("application/x-www-form-urlencoded", form(otherPortal)),
        post("application/json", "{\"auth\":{\"application_token\":\"" + CrmFixtures.TOKEN + "\"}}"),
        post("application/x-www-form-urlencoded", form(v23(CrmFixtures.TOKEN)) + "&x=%zz"),
        post("application/x-www-form-urlencoded", form(v23(CrmFixtures.TOKEN)) + "&pad="
            + "a".repeat(EventHandlerServer.MAX_BODY)),
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + handler.address().getPort()
            + "/bitrix24/events?" + form(v23(CrmFixtures.TOKEN)))).GET().build(),
            HttpResponse.BodyHandlers.ofString()));

    for (HttpResponse<String> a : answers) {
      assertThat(a.statusCode()).isEqualTo(403);
      assertThat(a.body()).isEqualTo("Forbidden");
      assertThat(a.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
    }
    assertThat(publisher.commands).isEmpty();
    assertThat(publisher.deadLetters).isEmpty();
    assertThat(timeline).isEmpty();
  }

  @Test
  void whenKafkaDoesNotTakeItTheRequestIsNotAcknowledged() throws Exception {
    publisher.fail = true;

    try (LogCapture logs = LogCapture.install()) {
      HttpResponse<String> r = post("application/x-www-form-urlencoded",
          form(v23(CrmFixtures.TOKEN)));

      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(publisher.commands).isEmpty();
      assertThat(logs.events(Level.ERROR, EventHandlerServer.class.getName())).singleElement()
          .satisfies(e -> {
            assertThat(e.getFormattedMessage()).contains("NOT accepted");
            assertThat(e.getMDCPropertyMap()).containsOnly(entry("portal", "main"));
          });
    }
  }

  @Test
  void anAuthenticRequestThatCannotBeACommandIsDeadLetteredAndAcknowledged() throws Exception {
    Map<String, String> f = v23(CrmFixtures.TOKEN);
    f.put("data[PHONE_NUMBER_INTERNATIONAL]", "+7495\nAction: Command\nCommand: core stop now");

    HttpResponse<String> r = post("application/x-www-form-urlencoded", form(f));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(publisher.commands).isEmpty();
    assertThat(publisher.deadLetters).singleElement().satisfies(d ->
        assertThat(d.letter().getReason()).doesNotContain("\n").doesNotContain(CrmFixtures.TOKEN));
  }
}
