package io.callstream.sink.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.OutcomeStatus;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixError;
import io.callstream.sink.client.BitrixErrorClassifier;
import io.callstream.sink.client.SecretRedactor;
import io.callstream.sink.client.WebhookAuthenticator;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.callstream.sink.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/** A portal's lane on its own thread: drops and pauses happen between requests, never in one. */
@Timeout(30)
class PortalLaneTest {

  private static final TopicPartition TP = new TopicPartition("commands", 0);
  private final BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder()
      .latency(Duration.ofMillis(400)).build());
  private final List<String> outcomes = new CopyOnWriteArrayList<>();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private PortalLane lane;

  @AfterEach
  void stop() {
    if (lane != null) {
      lane.signalStop();
      lane.awaitStop(System.nanoTime() + Duration.ofSeconds(5).toNanos());
    }
    emulator.close();
  }

  private PortalLane start() {
    return start(Clock.systemUTC(), Map.of());
  }

  private PortalLane start(Clock clock, Map<String, String> extra) {
    Map<String, String> m = new HashMap<>(Map.of("bitrix.portals", "main",
        "bitrix.portal.main.webhook.url", emulator.webhookUrl(), "sink.pbx.ids", "pbx1",
        "sink.pbx.pbx1.portal", "main", "bitrix.batch.max.commands", "1"));
    m.putAll(extra);
    SinkConfig config = SinkConfig.fromMap(m);
    SecretRedactor redactor = new SecretRedactor();
    BitrixClient client = new BitrixClient("main", new WebhookAuthenticator(emulator.webhookUrl(),
        redactor), new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build(),
        new BitrixErrorClassifier(), redactor);
    OutcomeIndex index = new OutcomeIndex();
    OutcomeRecorder recorder = new OutcomeRecorder() {
      @Override
      public void outcome(Pending p, OutcomeStatus status, String callId, BitrixError error) {
        outcomes.add(p.command.getLegId() + ":" + status);
      }

      @Override
      public void deadLetter(Pending p, String reason, String errorClass, BitrixError error) {
        outcomes.add(p.command.getLegId() + ":dead:" + reason);
      }

      @Override
      public void flush() {
      }

      @Override
      public void alreadyRecorded(Pending p) {
      }
    };
    PortalDispatcher pd = new PortalDispatcher(config.portals().get("main"), config, client, index,
        recorder, new SinkMetrics(new SimpleMeterRegistry()), clock.millis(), new Random(1),
        tp -> true, timeout -> true);
    lane = new PortalLane("main", pd, index, new DedupWindow(config.dedupRetention()), clock,
        failure::set).start();
    return lane;
  }

  private static Pending register(String leg, long offset) {
    return new Pending(TP, offset, BitrixCommand.newBuilder().setCommandId(leg + "/REGISTER")
        .setPortalId("main").setPbxId("pbx1").setCallId(leg).setLegId(leg)
        .setKind(BitrixCommandKind.REGISTER).setExtensions(List.of("101"))
        .setParams(Map.of("PHONE_NUMBER", "+7495000" + offset, "TYPE", "2", "SHOW", "0",
            "EXTERNAL_CALL_ID", leg, "CALL_START_DATE", OffsetDateTime.now().toString()))
        .setCreatedAt(Instant.EPOCH).build(), System.currentTimeMillis());
  }

  @Test
  void aRevokedPartitionIsDroppedOnlyAfterTheRequestInProgressAndNothingOfItIsSentAfterwards() {
    PortalLane l = start();
    for (int i = 0; i < 5; i++) {
      l.offer(register("leg-" + i, i));
    }
    // user.get (0.4 s), then one register per request (batches of one), 0.4 s each.
    await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == 1);
    l.drop(List.of(TP));
    int afterDrop = outcomes.size();
    long requests = emulator.ledger().requests();
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
        .until(() -> outcomes.size() == afterDrop);
    assertThat(outcomes).as("the register in flight when the drop came was finished first")
        .hasSize(afterDrop).allMatch(o -> o.endsWith(":APPLIED"));
    assertThat(afterDrop).isBetween(1, 2);
    assertThat(emulator.ledger().requests()).isEqualTo(requests);
    assertThat(emulator.ledger().calls()).hasSize(afterDrop);
    assertThat(failure.get()).isNull();
  }

  @Test
  void aPausedLaneSendsNothingUntilResumed() {
    PortalLane l = start();
    l.offer(register("first", 0));
    await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == 1);
    l.pause();
    try {
      l.offer(register("second", 1));
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
          .until(() -> outcomes.size() == 1);
    } finally {
      l.resume();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> outcomes.size() == 2);
  }

  @Test
  void theLaneLogsWithItsPortalAndACommandsLinesAlsoWithItsCallWhichDoNotOutliveThem() {
    emulator.faults().failBeforeApply("telephony.externalcall.register", 1);
    try (LogCapture logs = LogCapture.install()) {
      // The retry waits at least 1.25 s, longer than the user list may age: the lane reloads
      // the users between the retry line and the retry.
      start(Clock.systemUTC(), Map.of("bitrix.users.refresh.seconds", "1",
          "bitrix.retry.initial.ms", "2500", "bitrix.retry.max.ms", "2500"))
          .offer(register("leg-1", 0));
      await().atMost(Duration.ofSeconds(15)).until(() -> outcomes.size() == 1);

      assertThat(logs.events(Level.WARN, PortalDispatcher.class.getName())).singleElement()
          .satisfies(e -> {
            assertThat(e.getThreadName()).isEqualTo("bitrix-dispatcher-main");
            assertThat(e.getMDCPropertyMap()).containsOnly(entry("portal", "main"),
                entry("pbxId", "pbx1"), entry("callId", "leg-1"));
          });
      List<ILoggingEvent> userLists = logs.events(Level.INFO, UserDirectory.class.getName());
      assertThat(userLists).as("loaded before the retry line and again after it").hasSize(2)
          .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsOnly(entry("portal", "main")));
      assertThat(outcomes).containsExactly("leg-1:APPLIED");
      assertThat(MDC.getCopyOfContextMap()).as("nothing on the test thread").isNullOrEmpty();
    }
  }
}
