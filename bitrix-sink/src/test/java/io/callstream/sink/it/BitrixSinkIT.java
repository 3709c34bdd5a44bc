package io.callstream.sink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.sink.BitrixSink;
import io.callstream.sink.deadletter.DeadLetters;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.callstream.sink.emulator.Ledger;
import io.callstream.sink.fixtures.Lifecycles;
import io.callstream.sink.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Lifecycle records in, emulator ledger checked, on the embedded KRaft broker. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(180)
class BitrixSinkIT {

  @TempDir
  Path stateDir;

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
  }

  private static Ledger.Call only(Map<String, List<Ledger.Call>> calls, String externalId) {
    assertThat(calls.get(externalId)).as("Bitrix24 calls for %s", externalId).hasSize(1);
    return calls.get(externalId).get(0);
  }

  @Test
  void everyFixtureCallEndsInTheLedgerWithTheRightUserTypeStatusDurationLineAndCardsHidden(
      KafkaBroker kafka) throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir);
        LogCapture logs = LogCapture.install();
        BitrixSink sink = h.startSink()) {
      Instant t = now();
      h.publish(Lifecycles.inboundAnswered("pbx1", "pbx1/in.1", t));
      h.publish(Lifecycles.missedInIvr("pbx1", "pbx1/ivr.1", t));
      h.publish(Lifecycles.queueRingAll("pbx1", "pbx1/queue.1", t));
      h.publish(Lifecycles.blindTransfer("pbx1", "pbx1/xfer.1", t));
      h.publish(Lifecycles.outboundBusy("pbx1", "pbx1/out.1", t));
      h.publish(Lifecycles.internal("pbx1", "pbx1/int.1", t));

      await().atMost(Duration.ofSeconds(60)).until(() -> h.finishedCalls() == 6
          && emulator.ledger().calls().stream().anyMatch(c -> !c.records().isEmpty()));
      Map<String, List<Ledger.Call>> calls = h.callsByExternalId();
      assertThat(calls).hasSize(6).doesNotContainKey("pbx1/int.1");

      Ledger.Call in = only(calls, "pbx1/in.1");
      assertThat(in.registeredUserId()).isEqualTo(11);
      assertThat(in.type()).isEqualTo(2);
      assertThat(in.lineNumber()).isEqualTo(Lifecycles.LINE);
      assertThat(in.phoneNumber()).isEqualTo("+79062195047");
      assertThat(in.finishUserId()).isEqualTo(11);
      assertThat(in.statusCode()).isEqualTo("200");
      assertThat(in.duration()).isEqualTo(42);
      assertThat(in.callStartDate()).endsWith("+03:00");
      assertThat(in.records()).singleElement().extracting(Ledger.Record::url)
          .isEqualTo("https://pbx.example.com/rec/in-pbx1_in.1.wav");

      Ledger.Call ivr = only(calls, "pbx1/ivr.1");
      assertThat(ivr.registeredUserId()).isEqualTo(15);
      assertThat(ivr.finishUserId()).isEqualTo(15);
      assertThat(ivr.statusCode()).isEqualTo("304");
      assertThat(ivr.duration()).isZero();
      assertThat(ivr.shownTo()).isEmpty();

      Ledger.Call queue = only(calls, "pbx1/queue.1");
      assertThat(queue.registeredUserId()).isEqualTo(11);
      assertThat(queue.shownTo()).contains(11, 12);
      assertThat(queue.hiddenFrom()).contains(11);
      assertThat(queue.finishUserId()).isEqualTo(12);
      assertThat(queue.duration()).isEqualTo(30);

      Ledger.Call leg1 = only(calls, "pbx1/xfer.1");
      Ledger.Call leg2 = only(calls, "pbx1/xfer.1#1");
      assertThat(leg1.finishUserId()).isEqualTo(11);
      assertThat(leg1.duration()).isEqualTo(20);
      assertThat(leg2.registeredUserId()).isEqualTo(13);
      assertThat(leg2.finishUserId()).isEqualTo(13);
      assertThat(leg2.duration()).isEqualTo(40);

      Ledger.Call out = only(calls, "pbx1/out.1");
      assertThat(out.type()).isEqualTo(1);
      assertThat(out.registeredUserId()).isEqualTo(14);
      assertThat(out.statusCode()).isEqualTo("486");

      for (Ledger.Call c : emulator.ledger().calls()) {
        assertThat(c.finished()).as(c.externalCallId()).isTrue();
        assertThat(c.openCards()).as("open cards of %s", c.externalCallId()).isEmpty();
      }
      assertThat(emulator.ledger().rejected("QUERY_LIMIT_EXCEEDED")).isZero();
      String code = emulator.config().webhookCode();
      assertThat(logs.lines()).noneMatch(l -> l.contains(code));
      assertThat(sink.health().healthy()).isTrue();
    }
  }

  @Test
  void internalCallsAreDeliveredAsTheCallersOutgoingCallsWithoutLeadsWhenConfigured(
      KafkaBroker kafka) throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir)) {
      h.config.put("bitrix.internal.calls.skip", "false");
      try (BitrixSink sink = h.startSink()) {
        Instant t = now();
        h.publish(Lifecycles.internal("pbx1", "pbx1/int.2", t));
        h.publish(Lifecycles.call("pbx1", "pbx1/int.3", io.callstream.schemas.Direction.INTERNAL,
                null).from(t).started("103").ringing(1, "104").ringEnded(21, "104", "no-answer")
            .ended(21, io.callstream.schemas.Disposition.NO_ANSWER, 0, null).build());
        await().atMost(Duration.ofSeconds(60)).until(() -> h.finishedCalls() == 2);
        assertThat(sink.health().healthy()).isTrue();
      }
      Map<String, List<Ledger.Call>> calls = h.callsByExternalId();
      Ledger.Call answered = only(calls, "pbx1/int.2");
      assertThat(answered.type()).isEqualTo(1);
      assertThat(answered.registeredUserId()).isEqualTo(11);
      assertThat(answered.phoneNumber()).isEqualTo("102");
      assertThat(answered.internal()).as("Bitrix24 recognised the extension").isTrue();
      assertThat(answered.crmLeadId()).isNull();
      assertThat(answered.shownTo()).containsExactly(11);
      assertThat(answered.finishUserId()).isEqualTo(11);
      assertThat(answered.duration()).isEqualTo(26);
      assertThat(answered.statusCode()).isEqualTo("200");
      Ledger.Call missed = only(calls, "pbx1/int.3");
      assertThat(missed.registeredUserId()).isEqualTo(13);
      assertThat(missed.phoneNumber()).isEqualTo("104");
      assertThat(missed.finishUserId()).isEqualTo(13);
      assertThat(missed.statusCode()).isEqualTo("304");
      assertThat(emulator.ledger().calls()).allSatisfy(c -> {
        assertThat(c.openCards()).isEmpty();
        assertThat(c.finishRequests()).isEqualTo(1);
      });
      assertThat(emulator.ledger().leads()).isEmpty();
    }
  }

  @Test
  void twoPbxsRouteToTwoPortalsOneOnAWebhookOneOnOAuthWithAnExpiredTokenAndNoSecretIsLogged(
      KafkaBroker kafka) throws Exception {
    try (BitrixEmulator main = BitrixEmulator.start(EmulatorConfig.builder().build());
        BitrixEmulator second = BitrixEmulator.start(EmulatorConfig.builder()
            .oauth("local.app.42", "client-secret-42", "initialaccess0042", "initialrefresh0042")
            .build());
        SinkHarness h = new SinkHarness(kafka, main, stateDir);
        LogCapture logs = LogCapture.install()) {
      second.expireAccessToken();
      h.config.put("bitrix.portals", "main,second");
      h.config.put("bitrix.portal.second.oauth.rest.endpoint", second.oauthRestEndpoint());
      h.config.put("bitrix.portal.second.oauth.token.url", second.tokenUrl());
      h.config.put("bitrix.portal.second.oauth.client.id", "local.app.42");
      h.config.put("bitrix.portal.second.oauth.client.secret", "client-secret-42");
      h.config.put("bitrix.portal.second.oauth.access.token", "initialaccess0042");
      h.config.put("bitrix.portal.second.oauth.refresh.token", "initialrefresh0042");
      h.config.put("sink.pbx.ids", "pbx1,pbx2");
      h.config.put("sink.pbx.pbx2.portal", "second");
      h.config.put("sink.pbx.pbx2.timezone", "+05:00");
      try (BitrixSink sink = h.startSink()) {
        Instant t = now();
        h.publish(Lifecycles.inboundAnswered("pbx1", "pbx1/a.1", t));
        h.publish(Lifecycles.inboundAnswered("pbx2", "pbx2/b.1", t));
        await().atMost(Duration.ofSeconds(60)).until(() ->
            main.ledger().calls().stream().anyMatch(c -> c.recordAttachments() > 0)
                && second.ledger().calls().stream().anyMatch(c -> c.recordAttachments() > 0));
        assertThat(sink.health().healthy()).isTrue();
      }
      assertThat(main.ledger().calls()).singleElement()
          .satisfies(c -> assertThat(c.externalCallId()).isEqualTo("pbx1/a.1"));
      assertThat(second.ledger().calls()).singleElement().satisfies(c -> {
        assertThat(c.externalCallId()).isEqualTo("pbx2/b.1");
        assertThat(c.app()).isEqualTo("local.app.42");
        assertThat(c.callStartDate()).endsWith("+05:00");
        assertThat(c.finished()).isTrue();
      });
      assertThat(second.ledger().rejected("expired_token")).isPositive();
      for (String secret : List.of(main.config().webhookCode(), "client-secret-42",
          "initialaccess0042", "initialrefresh0042", "emuaccess", "emurefresh")) {
        assertThat(logs.lines()).as("no log line contains %s", secret)
            .noneMatch(l -> l.contains(secret));
      }
    }
  }

  @Test
  void unknownExtensionGoesToTheDeadLetterTopicWithTheReasonAndCanBeReDriven(KafkaBroker kafka)
      throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir);
        LogCapture logs = LogCapture.install();
        BitrixSink sink = h.startSink()) {
      h.publish(Lifecycles.call("pbx1", "pbx1/unknown.1", io.callstream.schemas.Direction.INBOUND,
              "+79990001122").from(now()).started(null).ringing(1, "199").answered(3, "199")
          .ended(20, io.callstream.schemas.Disposition.ANSWERED, 17, "199").build());
      await().atMost(Duration.ofSeconds(30))
          .until(() -> DeadLetters.list(h.topics, h.kafkaProperties()).size() == 2);
      List<BitrixDeadLetter> dead = DeadLetters.list(h.topics, h.kafkaProperties());
      assertThat(dead.get(0).getReason()).contains("extension 199")
          .contains("bitrix.portal.main.fallback.user.id");
      assertThat(dead.get(1).getReason()).contains("register failed permanently");
      assertThat(emulator.ledger().calls()).isEmpty();
      assertThat(sink.health().healthy()).as("a dead letter does not stop the sink").isTrue();

      assertThat(DeadLetters.redrive(h.topics, h.kafkaProperties(),
          DeadLetters.ofCall("pbx1/unknown.1"))).isEqualTo(2);
      await().atMost(Duration.ofSeconds(30))
          .until(() -> DeadLetters.list(h.topics, h.kafkaProperties()).size() == 4);
      assertThat(logs.events(Level.WARN, "io.callstream.sink.dispatch.OutcomePublisher"))
          .hasSize(4).allSatisfy(e -> {
            assertThat(e.getThreadName()).isEqualTo("bitrix-dispatcher-main");
            assertThat(e.getMDCPropertyMap()).containsOnly(entry("portal", "main"),
                entry("pbxId", "pbx1"), entry("callId", "pbx1/unknown.1"));
          });
    }
  }

  @Test
  void killedAndRestartedSinkAndAppliedThenDroppedRequestsStillRegisterAndFinishEachCallOnce(
      KafkaBroker kafka) throws Exception {
    int calls = 30;
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir)) {
      emulator.faults().resetAfterApply("telephony.externalcall.register", 2)
          .resetAfterApply("telephony.externalcall.finish", 2)
          .resetAfterApply("batch", 2);
      Instant t = now();
      BitrixSink first = h.startSink();
      for (int i = 0; i < calls; i++) {
        h.publish(Lifecycles.inboundAnswered("pbx1", "pbx1/crash." + i, t.plusSeconds(i)));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> h.finishedCalls() >= 5);
      first.abort();
      BitrixSink second = h.startSink();
      try {
        try {
          await().atMost(Duration.ofSeconds(90)).until(() -> h.finishedCalls() == calls
              && emulator.ledger().calls().stream().allMatch(c -> c.recordAttachments() > 0));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
          emulator.ledger().calls().forEach(c -> System.out.println("LEDGER " + c));
          throw e;
        }
        Map<String, List<Ledger.Call>> byId = h.callsByExternalId();
        assertThat(byId).hasSize(calls);
        for (int i = 0; i < calls; i++) {
          Ledger.Call c = only(byId, "pbx1/crash." + i);
          assertThat(c.finished()).isTrue();
          assertThat(c.statusCode()).isEqualTo("200");
          assertThat(c.openCards()).isEmpty();
          assertThat(c.records()).hasSize(1);
        }
        assertThat(emulator.ledger().resetsAfterApply()).isGreaterThan(0);
        assertThat(emulator.ledger().calls()).as("re-sent registers were de-duplicated")
            .anyMatch(c -> c.registerRequests() > 1);
      } finally {
        second.close();
      }
    }
  }

  @Test
  void burstOf500CallsAt2PerSecondBurst50IsDeliveredWithBatchesAndNoQueryLimitExceeded(
      KafkaBroker kafka) throws Exception {
    int calls = 500;
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().rate(2, 50).build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir);
        BitrixSink sink = h.startSink()) {
      Instant t = now();
      for (int i = 0; i < calls; i++) {
        h.publish(Lifecycles.call("pbx1", "pbx1/burst." + i,
                io.callstream.schemas.Direction.INBOUND, "+7495" + (1000000 + i)).from(t)
            .started(null).ringing(1, "10" + (1 + i % 5)).answered(3, "10" + (1 + i % 5))
            .ended(33, io.callstream.schemas.Disposition.ANSWERED, 30, null).build());
      }
      long started = System.nanoTime();
      await().atMost(Duration.ofSeconds(90)).until(() -> h.finishedCalls() == calls);
      Ledger ledger = emulator.ledger();
      System.out.printf("burst: %d calls delivered in %d s with %d requests (%d batches, %d "
          + "batched commands) at 2 req/s, burst 50%n", calls,
          Duration.ofNanos(System.nanoTime() - started).toSeconds(), ledger.requests(),
          ledger.batches(), ledger.batchCommands());
      assertThat(ledger.rejected("QUERY_LIMIT_EXCEEDED")).isZero();
      assertThat(ledger.batches()).isPositive();
      assertThat(sink.metrics().find("callstream.bitrix.commands").tag("status", "APPLIED")
          .counter().count()).isEqualTo(2.0 * calls);
      assertThat(h.callsByExternalId()).hasSize(calls)
          .allSatisfy((id, list) -> assertThat(list).hasSize(1));
    }
  }

  @Test
  void random503sAreRetriedAndNothingIsLost(KafkaBroker kafka) throws Exception {
    int calls = 60;
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().rate(5, 50).build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir);
        BitrixSink sink = h.startSink()) {
      emulator.faults().serverErrorRate(0.3);
      Instant t = now();
      for (int i = 0; i < calls; i++) {
        h.publish(Lifecycles.queueRingAll("pbx1", "pbx1/flaky." + i, t.plusSeconds(i)));
      }
      await().atMost(Duration.ofSeconds(90)).until(() -> h.finishedCalls() == calls);
      Ledger ledger = emulator.ledger();
      assertThat(ledger.rejected("HTTP_503_FAULT")).isPositive();
      assertThat(sink.metrics().find("callstream.bitrix.retries").counters())
          .anySatisfy(c -> assertThat(c.count()).isPositive());
      assertThat(h.callsByExternalId()).hasSize(calls);
      assertThat(ledger.calls()).allSatisfy(c -> {
        assertThat(c.openCards()).isEmpty();
        assertThat(c.finishUserId()).isEqualTo(12);
      });
    }
  }
}
