package io.callstream.sink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.Direction;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.PbxCommandKind;
import io.callstream.sink.BitrixSink;
import io.callstream.sink.client.PortalClients;
import io.callstream.sink.config.EventsMode;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.crm.CrmRequestReceiver;
import io.callstream.sink.crm.EventsCheck;
import io.callstream.sink.crm.EventsProbe;
import io.callstream.sink.crm.ReceiverStatus;
import io.callstream.sink.dispatch.TopicReader;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.callstream.sink.emulator.Ledger;
import io.callstream.sink.fixtures.Lifecycles;
import io.callstream.sink.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls started in the (emulated) CRM become exactly one command on {@code pbx.commands}, by the
 * offline queue and by the handler, across a receiver restart; a callback request ends as a
 * registered (TYPE 4) and finished call in the ledger, answered or missed.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class CrmRequestsIT {

  private static final String PHONE = "+74951234567";

  @TempDir
  Path stateDir;

  /** The harness's portal "main" as an OAuth application receiving events. */
  private static void oauthPortal(SinkHarness h) {
    EmulatorConfig e = h.emulator.config();
    h.config.remove("bitrix.portal.main.webhook.url");
    h.config.put("bitrix.portal.main.oauth.rest.endpoint", h.emulator.oauthRestEndpoint());
    h.config.put("bitrix.portal.main.oauth.token.url", h.emulator.tokenUrl());
    h.config.put("bitrix.portal.main.oauth.client.id", e.oauthClientId());
    h.config.put("bitrix.portal.main.oauth.client.secret", e.oauthClientSecret());
    h.config.put("bitrix.portal.main.oauth.access.token", e.accessToken());
    h.config.put("bitrix.portal.main.oauth.refresh.token", e.refreshToken());
    h.config.put("bitrix.portal.main.callback.extension", "101");
    h.config.put("bitrix.events.poll.interval.ms", "200");
  }

  private static CrmRequestReceiver startReceiver(SinkHarness h, SinkConfig config) {
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", h.kafka.bootstrapServers());
    CrmRequestReceiver r = CrmRequestReceiver.start(config, h.topics, kafka,
        PortalClients.create(config, (p, t) -> { }), Clock.systemUTC(), new SimpleMeterRegistry());
    await().atMost(Duration.ofSeconds(20)).until(() -> r.status().get(0).bound());
    return r;
  }

  private static List<PbxCommand> commands(SinkHarness h) {
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", h.kafka.bootstrapServers());
    List<PbxCommand> out = new ArrayList<>();
    TopicReader.readAll(kafka, h.topics.pbxCommands(), Duration.ofSeconds(20),
        r -> out.add(r.value()));
    return out;
  }

  private static List<BitrixDeadLetter> deadLetters(SinkHarness h) {
    Properties kafka = new Properties();
    kafka.put("bootstrap.servers", h.kafka.bootstrapServers());
    List<BitrixDeadLetter> out = new ArrayList<>();
    TopicReader.readAll(kafka, h.topics.bitrixDeadLetter(), Duration.ofSeconds(20),
        r -> out.add(r.value()));
    return out;
  }

  private static void assertClickCommand(PbxCommand c, String callId) {
    assertThat(c.getKind()).isEqualTo(PbxCommandKind.CLICK_TO_CALL);
    assertThat(c.getPbxId()).isEqualTo("pbx1");
    assertThat(c.getPortalId()).isEqualTo("main");
    assertThat(c.getExtension()).isEqualTo("102");
    assertThat(c.getNumber()).isEqualTo(PHONE);
    assertThat(c.getCrmCallId()).isEqualTo(callId);
    assertThat(c.getCommandId()).isEqualTo("bitrix:main:click:" + callId);
  }

  @Test
  void aClickReadFromTheOfflineQueueBecomesExactlyOneCommandAndTheQueueIsCleared(KafkaBroker kafka)
      throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir);
        LogCapture logs = LogCapture.install()) {
      oauthPortal(h);
      SinkConfig config = SinkConfig.fromMap(h.config);
      try (CrmRequestReceiver receiver = startReceiver(h, config)) {
        assertThat(receiver.handlerAddress()).isEmpty();
        String callId = emulator.clickToCall(12, PHONE, "7");

        await().atMost(Duration.ofSeconds(20)).until(() -> commands(h).size() == 1
            && emulator.ledger().offlineEventsWaiting() == 0);
        Thread.sleep(1_000);
        List<PbxCommand> commands = commands(h);
        assertThat(commands).hasSize(1);
        assertClickCommand(commands.get(0), callId);
        PbxCommand click = commands.get(0);
        assertThat(logs.events(Level.INFO, "io.callstream.sink.crm.RequestProcessor"))
            .filteredOn(e -> e.getFormattedMessage().endsWith("published")).singleElement()
            .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsOnly(
                entry("portal", click.getPortalId()), entry("pbxId", click.getPbxId()),
                entry("callId", click.getCommandId())));
        assertThat(logs.events(Level.INFO, "io.callstream.sink.crm.CrmRequestReceiver"))
            .filteredOn(e -> e.getFormattedMessage().contains("events bound")).singleElement()
            .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsOnly(entry("portal", "main")));
        Ledger ledger = emulator.ledger();
        assertThat(ledger.crmEvents()).singleElement().satisfies(e -> {
          assertThat(e.queuedOffline()).isTrue();
          assertThat(e.handlers()).isZero();
        });
        assertThat(ledger.calls()).singleElement().satisfies(c -> {
          assertThat(c.callId()).isEqualTo(callId);
          assertThat(c.registerRequests()).as("the sink never registers a click").isEqualTo(1);
        });
        List<EventsCheck> doctor = EventsProbe.create(config, (p, t) -> { }).check();
        assertThat(doctor).singleElement().satisfies(d -> {
          assertThat(d.mode()).isEqualTo(EventsMode.OFFLINE);
          assertThat(d.ok()).as(d.detail()).isTrue();
          assertThat(d.detail()).contains("0 event(s) waiting");
        });
      }
      assertThat(logs.lines()).noneMatch(l -> l.contains(emulator.config().applicationToken())
          || l.contains(emulator.config().accessToken()) || l.contains(emulator.config().oauthClientSecret()));
    }
  }

  @Test
  void aClickPostedToTheHandlerBecomesExactlyOneCommandAndAWrongTokenNone(KafkaBroker kafka)
      throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir)) {
      oauthPortal(h);
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      String url = "http://127.0.0.1:" + port + "/bitrix24/events";
      h.config.put("bitrix.portal.main.events.mode", "handler");
      h.config.put("bitrix.portal.main.events.handler.url", url);
      h.config.put("bitrix.portal.main.events.application.token",
          emulator.config().applicationToken());
      h.config.put("bitrix.events.handler.host", "127.0.0.1");
      h.config.put("bitrix.events.handler.port", Integer.toString(port));
      SinkConfig config = SinkConfig.fromMap(h.config);
      try (CrmRequestReceiver receiver = startReceiver(h, config)) {
        assertThat(receiver.handlerAddress()).get().extracting(a -> a.getPort()).isEqualTo(port);

        String callId = emulator.clickToCall(12, PHONE, "7");

        // The emulator posts synchronously and the handler answers after Kafka's ack.
        assertThat(emulator.ledger().crmEvents()).singleElement()
            .satisfies(e -> assertThat(e.handlersAccepted()).isEqualTo(1));
        List<PbxCommand> commands = commands(h);
        assertThat(commands).hasSize(1);
        assertClickCommand(commands.get(0), callId);

        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("event=ONEXTERNALCALLSTART"
                + "&data%5BCALL_ID%5D=externalCall.forged.1&data%5BUSER_ID%5D=12"
                + "&data%5BPHONE_NUMBER%5D=%2B74950000000&auth%5Bapplication_token%5D=guess"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(commands(h)).hasSize(1);
        assertThat(deadLetters(h)).isEmpty();

        List<EventsCheck> doctor = EventsProbe.create(config, (p, t) -> { }).check();
        assertThat(doctor).singleElement().satisfies(d -> {
          assertThat(d.mode()).isEqualTo(EventsMode.HANDLER);
          assertThat(d.ok()).as(d.detail()).isTrue();
        });
      }
    }
  }

  @Test
  void aReceiverStoppedBetweenKafkaAndClearLosesNothingAndDuplicatesNothing(KafkaBroker kafka)
      throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir)) {
      oauthPortal(h);
      SinkConfig config = SinkConfig.fromMap(h.config);
      String callId;
      try (CrmRequestReceiver first = startReceiver(h, config)) {
        emulator.faults().failBeforeApply("event.offline.clear", 1_000);
        callId = emulator.clickToCall(12, PHONE, "7");
        await().atMost(Duration.ofSeconds(20)).until(() -> commands(h).size() == 1
            && first.status().get(0).lastError().orElse("").contains("event.offline.clear"));
      }
      assertThat(emulator.ledger().offlineEventsWaiting()).as("read, published, not cleared")
          .isEqualTo(1);
      emulator.faults().none();

      try (CrmRequestReceiver second = startReceiver(h, config)) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
            emulator.ledger().offlineEventsWaiting() == 0);
        ReceiverStatus status = second.status().get(0);
        assertThat(status.received()).isEqualTo(1);
        assertThat(status.lastError()).isEmpty();
      }
      List<PbxCommand> commands = commands(h);
      assertThat(commands).hasSize(1);
      assertClickCommand(commands.get(0), callId);
    }
  }

  @Test
  void aCallbackRequestIsRegisteredWithTypeFourAndFinishedAnsweredOrMissed(KafkaBroker kafka)
      throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir)) {
      oauthPortal(h);
      try (BitrixSink sink = h.startSink()) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
            sink.crmRequests().orElseThrow().status().get(0).bound());
        emulator.callbackRequest("+7 (495) 765-43-21", "Website callback", "CONTACT", 5785, "7");
        emulator.callbackRequest("+74951112233", "Second visitor", "", 0, "7");
        await().atMost(Duration.ofSeconds(20)).until(() -> commands(h).size() == 2);
        Map<String, PbxCommand> byNumber = new java.util.HashMap<>();
        commands(h).forEach(c -> byNumber.put(c.getNumber(), c));
        PbxCommand answered = byNumber.get("+74957654321");
        PbxCommand missed = byNumber.get("+74951112233");
        for (PbxCommand c : List.of(answered, missed)) {
          assertThat(c.getKind()).isEqualTo(PbxCommandKind.CALLBACK);
          assertThat(c.getExtension()).isEqualTo("101");
          assertThat(c.getCommandId()).startsWith("bitrix:main:callback:");
          Ledger.Call registered = call(emulator, c.getCrmCallId());
          assertThat(registered.type()).isEqualTo(4);
          assertThat(registered.finished()).isFalse();
          assertThat(registered.registeredUserId()).isEqualTo(15);
          assertThat(registered.openCards()).isEmpty();
        }
        assertThat(answered.getCrmEntityId()).isEqualTo("5785");

        // What the correlator makes of the originated calls, carrying the CALL_ID variable.
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        h.publish(Lifecycles.call("pbx1", "pbx1/cb.answered", Direction.OUTBOUND, "+74957654321")
            .from(t).event(CallEventType.STARTED, 0,
                b -> b.setExtension("101").setCrmCallId(answered.getCrmCallId()))
            .answered(8, "101").ended(38, Disposition.ANSWERED, 30, "101").build());
        h.publish(Lifecycles.call("pbx1", "pbx1/cb.missed", Direction.OUTBOUND, "+74951112233")
            .from(t).event(CallEventType.STARTED, 0,
                b -> b.setExtension("101").setCrmCallId(missed.getCrmCallId()))
            .ended(45, Disposition.NO_ANSWER, 0, null).build());

        await().atMost(Duration.ofSeconds(30)).until(() -> call(emulator, answered.getCrmCallId())
            .finished() && call(emulator, missed.getCrmCallId()).finished());
        Ledger.Call a = call(emulator, answered.getCrmCallId());
        assertThat(a.statusCode()).isEqualTo("200");
        assertThat(a.duration()).isEqualTo(30);
        assertThat(a.finishUserId()).isEqualTo(11);
        assertThat(a.finishRequests()).isEqualTo(1);
        Ledger.Call m = call(emulator, missed.getCrmCallId());
        assertThat(m.statusCode()).isEqualTo("304");
        assertThat(m.duration()).isZero();
        assertThat(m.finishUserId()).isEqualTo(11);
        assertThat(emulator.ledger().calls()).as("no second register for either call")
            .hasSize(2).allSatisfy(c -> assertThat(c.registerRequests()).isEqualTo(1));
      }
    }
  }

  @Test
  void crmCallsThatNeverGetALifecycleAreFinishedNotAnsweredOnceAndALateLifecycleChangesNothing(
      KafkaBroker kafka) throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir)) {
      oauthPortal(h);
      h.config.put("bitrix.crm.call.timeout.seconds", "4");
      try (BitrixSink sink = h.startSink()) {
        await().atMost(Duration.ofSeconds(20)).until(() ->
            sink.crmRequests().orElseThrow().status().get(0).bound());
        String lost = emulator.clickToCall(12, PHONE, "7");
        String alive = emulator.clickToCall(13, "+74950001111", "7");
        String refused = emulator.clickToCall(14, "+7495000111122223333444455556666777", "7");
        emulator.callbackRequest("+74951112233", "Call me back", "", 0, "7");
        await().atMost(Duration.ofSeconds(20)).until(() -> commands(h).size() == 3);
        String callback = commands(h).stream().filter(c -> c.getKind() == PbxCommandKind.CALLBACK)
            .findFirst().orElseThrow().getCrmCallId();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        h.publish(Lifecycles.call("pbx1", "pbx1/c2c.alive", Direction.OUTBOUND, "+74950001111")
            .from(t).event(CallEventType.STARTED, 0,
                b -> b.setExtension("103").setCrmCallId(alive)).build());

        await().atMost(Duration.ofSeconds(10)).until(() -> call(emulator, refused).finished());
        assertThat(call(emulator, lost).finished()).as("not before the timeout").isFalse();
        await().atMost(Duration.ofSeconds(30)).until(() -> call(emulator, lost).finished()
            && call(emulator, callback).finished());
        for (String id : List.of(lost, refused, callback)) {
          Ledger.Call c = call(emulator, id);
          assertThat(c.statusCode()).as(id).isEqualTo("304");
          assertThat(c.duration()).isZero();
          assertThat(c.openCards()).as("cards of %s", id).isEmpty();
          assertThat(c.finishRequests()).isEqualTo(1);
        }
        assertThat(call(emulator, lost).finishUserId()).as("the clicking user").isEqualTo(12);
        assertThat(call(emulator, refused).finishUserId()).isEqualTo(14);
        assertThat(call(emulator, callback).finishUserId()).as("the callback's user").isEqualTo(15);
        assertThat(call(emulator, alive).finished()).as("its lifecycle claimed it").isFalse();

        // The PBX call of the lost click shows up after all; the alive one ends normally.
        h.publish(Lifecycles.call("pbx1", "pbx1/c2c.late", Direction.OUTBOUND, PHONE).from(t)
            .event(CallEventType.STARTED, 0, b -> b.setExtension("102").setCrmCallId(lost))
            .answered(3, "102").ended(23, Disposition.ANSWERED, 20, "102").build());
        h.publish(Lifecycles.call("pbx1", "pbx1/c2c.alive", Direction.OUTBOUND,
                "+74950001111").from(t).started("103").answered(2, "103")
            .ended(32, Disposition.ANSWERED, 30, "103").build().subList(1, 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> call(emulator, alive).finished());
        Thread.sleep(5_000);
        assertThat(call(emulator, alive).statusCode()).isEqualTo("200");
        assertThat(call(emulator, alive).duration()).isEqualTo(30);
        assertThat(call(emulator, alive).finishRequests()).isEqualTo(1);
        assertThat(call(emulator, lost).finishRequests()).as("no second finish").isEqualTo(1);
        assertThat(call(emulator, lost).statusCode()).isEqualTo("304");
        assertThat(emulator.ledger().calls()).hasSize(4).allSatisfy(c -> {
          assertThat(c.registerRequests()).isEqualTo(1);
          assertThat(c.openCards()).isEmpty();
        });
      }
    }
  }

  private static Ledger.Call call(BitrixEmulator emulator, String callId) {
    return emulator.ledger().calls().stream().filter(c -> c.callId().equals(callId)).findFirst()
        .orElseThrow();
  }
}
