package io.callstream.sink.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.OutcomeStatus;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixError;
import io.callstream.sink.client.BitrixErrorClassifier;
import io.callstream.sink.client.SecretRedactor;
import io.callstream.sink.client.WebhookAuthenticator;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.callstream.sink.emulator.Ledger;
import io.callstream.sink.mapping.CallPlanner;
import io.callstream.sink.mapping.CrmCallTimeout;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okhttp3.OkHttpClient;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher's grouping, chaining and failure handling against the emulator, no broker. */
@Timeout(30)
class PortalDispatcherTest {

  private static final TopicPartition TP = new TopicPartition("commands", 0);
  private BitrixEmulator emulator;
  private final OutcomeIndex index = new OutcomeIndex();
  private final List<String> outcomes = new ArrayList<>();
  private final List<String> deadLetters = new ArrayList<>();
  private long offset;
  private long now = 1_000_000;
  private boolean readToEnd = true;
  private boolean upstreamCaughtUp = true;
  private final List<Integer> heldReports = new ArrayList<>();

  @BeforeEach
  void start() {
    emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private PortalDispatcher dispatcher(Map<String, String> extra) {
    Map<String, String> m = new HashMap<>(Map.of(
        "bitrix.portals", "main",
        "bitrix.portal.main.webhook.url", emulator.webhookUrl(),
        "sink.pbx.ids", "pbx1", "sink.pbx.pbx1.portal", "main",
        "bitrix.retry.initial.ms", "100", "bitrix.retry.max.ms", "200"));
    m.putAll(extra);
    SinkConfig config = SinkConfig.fromMap(m);
    SecretRedactor redactor = new SecretRedactor();
    BitrixClient client = new BitrixClient("main", new WebhookAuthenticator(emulator.webhookUrl(),
        redactor), new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build(),
        new BitrixErrorClassifier(), redactor);
    OutcomeRecorder recorder = new OutcomeRecorder() {
      @Override
      public void outcome(Pending p, OutcomeStatus status, String callId, BitrixError error) {
        BitrixCommand c = p.command;
        index.add(BitrixOutcome.newBuilder().setCommandId(c.getCommandId()).setPortalId("main")
            .setCallId(c.getCallId()).setLegId(c.getLegId()).setKind(c.getKind()).setStatus(status)
            .setBitrixCallId(callId).setAttempts(p.failures + 1).setCompletedAt(Instant.EPOCH).build());
        outcomes.add(c.getKind() + ":" + c.getLegId() + ":" + status);
      }

      @Override
      public void deadLetter(Pending p, String reason, String errorClass, BitrixError error) {
        deadLetters.add(p.command.getKind() + ":" + reason);
        outcome(p, OutcomeStatus.DEAD_LETTERED, null, error);
      }

      @Override
      public void flush() {
      }

      @Override
      public void alreadyRecorded(Pending p) {
        outcomes.add("skip:" + p.command.getCommandId());
      }
    };
    return new PortalDispatcher(config.portals().get("main"), config, client, index, recorder,
        new SinkMetrics(new SimpleMeterRegistry()), now, new Random(7), tp -> readToEnd,
        new TimeoutGate() {
          @Override
          public boolean open(BitrixCommand timeout) {
            return upstreamCaughtUp;
          }

          @Override
          public void held(int count) {
            heldReports.add(count);
          }
        });
  }

  private Pending command(String leg, BitrixCommandKind kind, String ext, Map<String, String> params) {
    Map<String, String> p = new LinkedHashMap<>(params);
    if (kind == BitrixCommandKind.REGISTER) {
      p.put("PHONE_NUMBER", "+7495000" + leg.hashCode() % 1000);
      p.put("TYPE", "2");
      p.put("CALL_START_DATE", OffsetDateTime.now().toString());
      p.put("EXTERNAL_CALL_ID", leg);
    }
    BitrixCommand c = BitrixCommand.newBuilder().setCommandId(leg + "/" + kind + "/" + offset)
        .setPortalId("main").setPbxId("pbx1").setCallId(leg).setLegId(leg).setKind(kind)
        .setExtensions(ext == null ? List.of() : List.of(ext)).setParams(p)
        .setCreatedAt(Instant.EPOCH).build();
    return new Pending(TP, offset++, c, now);
  }

  private Pending timeout(String crmCallId, long userId, long finishAt) {
    return new Pending(TP, offset++, CrmCallTimeout.finishUnlessClaimed("main", "pbx1",
        "bitrix:main:click:" + crmCallId, crmCallId, userId, Instant.ofEpochMilli(now),
        Instant.ofEpochMilli(finishAt), "the PBX did not report this call within 60 s"), now);
  }

  /** A lifecycle command of a call Bitrix24 registered itself (it carries the CRM's CALL_ID). */
  private Pending crmCommand(String crmCallId, BitrixCommandKind kind, String ext,
      Map<String, String> params) {
    Map<String, String> p = new LinkedHashMap<>(params);
    p.put(CallPlanner.CRM_CALL_ID_PARAM, crmCallId);
    return command("pbx1/c2c." + crmCallId.hashCode(), kind, ext, p);
  }

  /** Steps on a simulated clock until the queue is empty; returns the number of requests made. */
  private void drain(PortalDispatcher d) {
    for (int i = 0; i < 50 && d.pending() > 0; i++) {
      long wait = d.step(now);
      now += wait == Long.MAX_VALUE ? 0 : Math.max(wait, 1);
    }
  }

  @Test
  void batchesChainShowToItsRegisterButSendAFinishOnlyAfterItsRegisterWasAnswered() {
    PortalDispatcher d = dispatcher(Map.of());
    d.enqueue(command("A", BitrixCommandKind.REGISTER, "101", Map.of("SHOW", "1")), now);
    d.enqueue(command("A", BitrixCommandKind.SHOW, "102", Map.of()), now);
    d.enqueue(command("A", BitrixCommandKind.FINISH, "102", Map.of("DURATION", "7")), now);
    d.enqueue(command("B", BitrixCommandKind.REGISTER, "103", Map.of()), now);
    d.enqueue(command("B", BitrixCommandKind.FINISH, "103", Map.of("DURATION", "3")), now);
    drain(d);

    assertThat(outcomes).containsExactly("REGISTER:A:APPLIED", "SHOW:A:APPLIED",
        "REGISTER:B:APPLIED", "FINISH:A:APPLIED", "FINISH:B:APPLIED");
    Ledger ledger = emulator.ledger();
    assertThat(ledger.batches()).isEqualTo(2);
    assertThat(ledger.requests()).isEqualTo(3);
    assertThat(ledger.calls()).hasSize(2).allMatch(Ledger.Call::finished);
    Ledger.Call a = ledger.calls().get(0);
    assertThat(a.shownTo()).containsExactly(11, 12);
    assertThat(a.finishUserId()).isEqualTo(12);
    assertThat(a.duration()).isEqualTo(7);
  }

  @Test
  void unknownExtensionIsDeadLetteredWithTheKeyToSetAndTheLegsLaterCommandsFollow() {
    PortalDispatcher d = dispatcher(Map.of());
    d.enqueue(command("C", BitrixCommandKind.REGISTER, "199", Map.of()), now);
    d.enqueue(command("C", BitrixCommandKind.FINISH, "199", Map.of()), now);
    drain(d);
    assertThat(deadLetters).hasSize(2);
    assertThat(deadLetters.get(0)).startsWith("REGISTER:extension 199 has no active Bitrix24 user")
        .contains("bitrix.portal.main.fallback.user.id");
    assertThat(deadLetters.get(1)).contains("failed permanently");
    assertThat(emulator.ledger().calls()).isEmpty();
  }

  @Test
  void fallbackUserTakesUnknownExtensionsAndShowWithNoKnownUserIsSkipped() {
    PortalDispatcher d = dispatcher(Map.of("bitrix.portal.main.fallback.user.id", "15"));
    d.enqueue(command("D", BitrixCommandKind.REGISTER, "199", Map.of()), now);
    d.enqueue(command("D", BitrixCommandKind.SHOW, "198", Map.of()), now);
    drain(d);
    assertThat(outcomes).containsExactlyInAnyOrder("REGISTER:D:APPLIED", "SHOW:D:SKIPPED");
    assertThat(emulator.ledger().calls().get(0).registeredUserId()).isEqualTo(15);
  }

  @Test
  void lostFinishAnswerIsRetriedAndCallNotFoundCountsAsAlreadyApplied() {
    PortalDispatcher d = dispatcher(Map.of());
    d.enqueue(command("E", BitrixCommandKind.REGISTER, "101", Map.of()), now);
    drain(d);
    emulator.faults().resetAfterApply("telephony.externalcall.finish", 1);
    d.enqueue(command("E", BitrixCommandKind.FINISH, "101", Map.of("DURATION", "5")), now);
    drain(d);
    assertThat(outcomes).containsExactly("REGISTER:E:APPLIED", "FINISH:E:ALREADY_APPLIED");
    Ledger.Call e = emulator.ledger().calls().get(0);
    assertThat(e.finished()).isTrue();
    assertThat(e.finishRequests()).isEqualTo(2);
  }

  @Test
  void recordingsFromTheDirectoryAreUploadedAsFileContentAfterFinish(@TempDir Path dir)
      throws Exception {
    Files.write(dir.resolve("rec-1.wav"), new byte[] {82, 73, 70, 70});
    PortalDispatcher d = dispatcher(Map.of("bitrix.recording.directory", dir.toString()));
    d.enqueue(command("R", BitrixCommandKind.REGISTER, "101", Map.of()), now);
    d.enqueue(command("R", BitrixCommandKind.FINISH, "101", Map.of("DURATION", "4")), now);
    d.enqueue(command("R", BitrixCommandKind.ATTACH_RECORD, null,
        Map.of("FILENAME", "rec-1.wav", CallPlanner.UPLOAD_PARAM, "1")), now);
    d.enqueue(command("S", BitrixCommandKind.REGISTER, "102", Map.of()), now);
    d.enqueue(command("S", BitrixCommandKind.FINISH, "102", Map.of("DURATION", "4")), now);
    d.enqueue(command("S", BitrixCommandKind.ATTACH_RECORD, null,
        Map.of("FILENAME", "missing.wav", CallPlanner.UPLOAD_PARAM, "1")), now);
    drain(d);
    Ledger.Call r = emulator.ledger().calls().get(0);
    assertThat(r.records()).singleElement().satisfies(rec -> {
      assertThat(rec.mode()).isEqualTo("content");
      assertThat(rec.fileName()).isEqualTo("rec-1.wav");
    });
    assertThat(deadLetters).singleElement().asString().contains("missing.wav");
  }

  @Test
  void aCrmCallWithoutLifecycleIsFinishedNotAnsweredOnlyWhenDueAndReadToTheEndAndALateLifecycleDoesNotFinishItAgain() {
    PortalDispatcher d = dispatcher(Map.of());
    String crmCallId = emulator.clickToCall(12, "+79161230000", "74950001122");
    d.enqueue(timeout(crmCallId, 12, now + 60_000), now);

    assertThat(d.step(now)).isEqualTo(60_000);
    now += 59_999;
    d.step(now);
    assertThat(emulator.ledger().calls().get(0).finishRequests()).isZero();
    now += 1;
    readToEnd = false;
    assertThat(d.step(now)).as("a claim may still be unread").isEqualTo(CrmCallTimeouts.RECHECK_MILLIS);
    assertThat(emulator.ledger().calls().get(0).finishRequests()).isZero();
    readToEnd = true;
    drain(d);

    Ledger.Call call = emulator.ledger().calls().get(0);
    assertThat(call.finished()).isTrue();
    assertThat(call.statusCode()).isEqualTo("304");
    assertThat(call.duration()).isZero();
    assertThat(call.finishUserId()).isEqualTo(12);
    assertThat(call.openCards()).as("the clicking user's card is closed").isEmpty();
    assertThat(outcomes).containsExactly("FINISH:bitrix:main:click:" + crmCallId + ":APPLIED");

    d.enqueue(crmCommand(crmCallId, BitrixCommandKind.SHOW, "102", Map.of()), now);
    d.enqueue(crmCommand(crmCallId, BitrixCommandKind.FINISH, "102",
        Map.of("DURATION", "30", "STATUS_CODE", "200")), now);
    drain(d);
    assertThat(outcomes).hasSize(3).contains("FINISH:pbx1/c2c." + crmCallId.hashCode() + ":SKIPPED",
        "SHOW:pbx1/c2c." + crmCallId.hashCode() + ":APPLIED");
    assertThat(emulator.ledger().calls()).singleElement().satisfies(c -> {
      assertThat(c.finishRequests()).as("no second finish").isEqualTo(1);
      assertThat(c.statusCode()).isEqualTo("304");
    });
  }

  @Test
  void aDueCrmCallTimeoutIsHeldWhileTheCorrelatorIsBehindAndStillClaimedByALifecycleMeanwhile() {
    PortalDispatcher d = dispatcher(Map.of());
    String late = emulator.clickToCall(12, "+79161230000", "74950001122");
    String lost = emulator.clickToCall(13, "+79161230001", "74950001122");
    d.enqueue(timeout(late, 12, now + 1_000), now);
    d.enqueue(timeout(lost, 13, now + 1_000), now);
    upstreamCaughtUp = false;
    now += 1_000;
    for (int i = 0; i < 20; i++) {
      now += d.step(now);
    }
    assertThat(d.pending()).as("held, not dropped").isEqualTo(2);
    assertThat(heldReports).isNotEmpty().allMatch(n -> n == 2);
    assertThat(emulator.ledger().calls()).allSatisfy(c -> assertThat(c.finishRequests()).isZero());

    d.enqueue(crmCommand(late, BitrixCommandKind.SHOW, "102", Map.of()), now);
    upstreamCaughtUp = true;
    drain(d);
    assertThat(heldReports.get(heldReports.size() - 1)).isZero();
    assertThat(outcomes).containsExactlyInAnyOrder("FINISH:bitrix:main:click:" + late + ":SKIPPED",
        "SHOW:pbx1/c2c." + late.hashCode() + ":APPLIED",
        "FINISH:bitrix:main:click:" + lost + ":APPLIED");
    assertThat(call(lost).statusCode()).isEqualTo("304");
    assertThat(call(late).finishRequests()).isZero();
  }

  private Ledger.Call call(String crmCallId) {
    return emulator.ledger().calls().stream().filter(c -> c.callId().equals(crmCallId))
        .findFirst().orElseThrow();
  }

  @Test
  void theFirstLifecycleCommandOfACrmCallDropsItsTimeoutSoTheLifecycleFinishesIt() {
    PortalDispatcher d = dispatcher(Map.of());
    String crmCallId = emulator.clickToCall(12, "+79161230001", "74950001122");
    d.enqueue(timeout(crmCallId, 12, now + 60_000), now);
    d.enqueue(crmCommand(crmCallId, BitrixCommandKind.SHOW, "102", Map.of()), now);
    drain(d);
    assertThat(d.pending()).isZero();
    now += 3_600_000;
    assertThat(d.step(now)).isEqualTo(Long.MAX_VALUE);
    d.enqueue(crmCommand(crmCallId, BitrixCommandKind.FINISH, "102",
        Map.of("DURATION", "30", "STATUS_CODE", "200")), now);
    drain(d);

    assertThat(outcomes).containsExactly("FINISH:bitrix:main:click:" + crmCallId + ":SKIPPED",
        "SHOW:pbx1/c2c." + crmCallId.hashCode() + ":APPLIED",
        "FINISH:pbx1/c2c." + crmCallId.hashCode() + ":APPLIED");
    assertThat(emulator.ledger().calls()).singleElement().satisfies(c -> {
      assertThat(c.finishRequests()).isEqualTo(1);
      assertThat(c.statusCode()).isEqualTo("200");
      assertThat(c.duration()).isEqualTo(30);
    });

    d.enqueue(timeout(crmCallId, 12, now), now);
    assertThat(d.pending()).as("a timeout read again after its claim is done at once").isZero();
    assertThat(outcomes).last().isEqualTo("skip:" + CrmCallTimeout.commandId("main", crmCallId));
  }

  @Test
  void aTimeoutAlreadyQueuedAfterItsDeadlineIsStillDroppedByALateClaimUnlessItMayHaveBeenApplied() {
    PortalDispatcher d = dispatcher(Map.of());
    String first = emulator.clickToCall(12, "+79161230002", null);
    String second = emulator.clickToCall(13, "+79161230003", null);
    d.enqueue(timeout(first, 12, now), now);
    d.enqueue(timeout(second, 13, now), now);
    emulator.faults().failBeforeApply("telephony.externalcall.finish", 1)
        .failBeforeApply("batch", 1);
    d.step(now);
    assertThat(d.pending()).isEqualTo(2);
    d.enqueue(crmCommand(first, BitrixCommandKind.SHOW, "102", Map.of()), now);
    assertThat(outcomes).containsExactly("FINISH:bitrix:main:click:" + first + ":SKIPPED");
    drain(d);
    assertThat(emulator.ledger().calls()).filteredOn(Ledger.Call::finished)
        .extracting(Ledger.Call::callId).containsExactly(second);
  }

  @Test
  void aCommandWrittenLongerAgoThanTheDedupRetentionIsDeadLetteredNotSent() {
    PortalDispatcher d = dispatcher(Map.of("sink.dedup.retention.hours", "24"));
    Pending old = command("OLD", BitrixCommandKind.REGISTER, "101", Map.of());
    now += Duration.ofHours(24).toMillis() + 1;
    Pending young = command("YOUNG", BitrixCommandKind.REGISTER, "102", Map.of());
    now += Duration.ofHours(23).toMillis();
    d.enqueue(old, now);
    d.enqueue(young, now);
    drain(d);
    assertThat(deadLetters).singleElement().asString().startsWith("REGISTER:written ")
        .contains("sink.dedup.retention.hours=24").contains("re-drive");
    assertThat(outcomes).containsExactly("REGISTER:OLD:DEAD_LETTERED", "REGISTER:YOUNG:APPLIED");
    assertThat(emulator.ledger().calls()).singleElement()
        .extracting(Ledger.Call::externalCallId).isEqualTo("YOUNG");
  }

  @Test
  void operatingLimitPausesTheMethodInsteadOfHammeringIt() {
    emulator.close();
    emulator = BitrixEmulator.start(EmulatorConfig.builder()
        .operatingLimit(1.0, Duration.ofMinutes(10), 0.6).build());
    PortalDispatcher d = dispatcher(Map.of("bitrix.operating.limit.seconds", "1"));
    d.enqueue(command("F", BitrixCommandKind.REGISTER, "101", Map.of()), now);
    d.enqueue(command("G", BitrixCommandKind.REGISTER, "102", Map.of()), now);
    d.enqueue(command("H", BitrixCommandKind.REGISTER, "103", Map.of()), now);
    long t = now;
    for (int i = 0; i < 10; i++) {
      long w = d.step(t);
      t += Math.max(1, Math.min(w, 1000));
    }
    // Each register costs 0.6 s of a 1 s budget. The batch of three crosses the limit, so its
    // last command gets OPERATION_TIME_LIMIT once; from then on the method is held until
    // operating_reset_at instead of being retried into the limit again and again.
    assertThat(emulator.ledger().calls()).hasSize(2);
    assertThat(emulator.ledger().rejected("batch:OPERATION_TIME_LIMIT")).isEqualTo(1);
    assertThat(emulator.ledger().rejected("OPERATION_TIME_LIMIT")).isZero();
    assertThat(d.pending()).isEqualTo(1);
    assertThat(d.step(t)).isGreaterThan(60_000);
  }
}
