package io.callstream.sink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.schemas.BitrixCommand;
import io.callstream.sink.BitrixSink;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.callstream.sink.emulator.Ledger;
import io.callstream.sink.mapping.CrmCallTimeout;
import io.callstream.sink.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CRM call's timeout waits for the correlator: a consumer group standing in for it commits
 * offsets on the raw topic, where raw records are written as the producer writes them (key pbxId,
 * record time = receive time).
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class CorrelatorProgressIT {

  private static final long TIMEOUT_MS = 3_000;
  private static final String PROGRESS_LOGGER = "io.callstream.sink.dispatch.CorrelatorProgress";

  @TempDir
  Path stateDir;

  @Test
  void aTimeoutIsHeldWhileTheCorrelatorIsBehindItsDueTimeAndFiresOnceWhenItPassesIt(
      KafkaBroker kafka) throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = harness(kafka, emulator, "behind");
        LogCapture log = LogCapture.install()) {
      long now = System.currentTimeMillis();
      RecordMetadata first = raw(h, now - 10_000);
      raw(h, now - 5_000);
      RecordMetadata afterDue = raw(h, now + TIMEOUT_MS + 500);
      TopicPartition tp = new TopicPartition(first.topic(), first.partition());
      commit(h, tp, first.offset() + 1);
      String crmCallId = emulator.clickToCall(12, "+74951234567", "7");
      timeout(h, crmCallId, 12, now);
      try (BitrixSink sink = h.startSink()) {
        await().atMost(Duration.ofSeconds(20)).until(() -> log.lines().stream()
            .anyMatch(l -> l.contains("1 CRM-call timeouts held: correlator " + group(h))));
        Thread.sleep(Math.max(0, now + 2 * TIMEOUT_MS - System.currentTimeMillis()));
        assertThat(call(emulator, crmCallId).finishRequests()).as("held past its due time").isZero();

        commit(h, tp, afterDue.offset());
        Thread.sleep(2 * TIMEOUT_MS);
        assertThat(call(emulator, crmCallId).finishRequests())
            .as("the record after the due time is not processed yet").isZero();
        commit(h, tp, afterDue.offset() + 1);
        long caughtUp = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(20)).until(() -> call(emulator, crmCallId).finished());
        assertThat(System.currentTimeMillis() - caughtUp)
            .as("one more recheck after catching up, for the planner").isGreaterThanOrEqualTo(TIMEOUT_MS);
        Thread.sleep(2 * TIMEOUT_MS);
        Ledger.Call c = call(emulator, crmCallId);
        assertThat(c.statusCode()).isEqualTo("304");
        assertThat(c.finishRequests()).isEqualTo(1);
        assertThat(c.finishUserId()).isEqualTo(12);
        assertThat(log.events(Level.WARN, PROGRESS_LOGGER)).as("held, not unreadable")
            .hasSize(1);
      }
    }
  }

  @Test
  void aTimeoutFiresAsBeforeWhenTheCorrelatorIsAtTheEndWithNothingAfterTheDueTime(
      KafkaBroker kafka) throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = harness(kafka, emulator, "caught-up");
        LogCapture log = LogCapture.install()) {
      long now = System.currentTimeMillis();
      raw(h, now - 10_000);
      RecordMetadata last = raw(h, now - 5_000);
      commit(h, new TopicPartition(last.topic(), last.partition()), last.offset() + 1);
      String crmCallId = emulator.clickToCall(12, "+74951234567", "7");
      timeout(h, crmCallId, 12, now);
      try (BitrixSink sink = h.startSink()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> call(emulator, crmCallId).finished());
        assertThat(System.currentTimeMillis()).as("not before it is due")
            .isGreaterThanOrEqualTo(now + TIMEOUT_MS);
        Ledger.Call c = call(emulator, crmCallId);
        assertThat(c.statusCode()).isEqualTo("304");
        assertThat(c.finishRequests()).isEqualTo(1);
        assertThat(log.events(Level.WARN, PROGRESS_LOGGER)).isEmpty();
      }
    }
  }

  @Test
  void anUnknownCorrelatorGroupIsWarnedAboutOnceAndTheTimeoutsFireOnTheClock(KafkaBroker kafka)
      throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = harness(kafka, emulator, "unknown");
        LogCapture log = LogCapture.install()) {
      long now = System.currentTimeMillis();
      raw(h, now - 10_000);
      raw(h, now + TIMEOUT_MS + 500);
      String first = emulator.clickToCall(12, "+74951234567", "7");
      String second = emulator.clickToCall(13, "+74951234568", "7");
      timeout(h, first, 12, now);
      timeout(h, second, 13, now + 1_000);
      try (BitrixSink sink = h.startSink()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> call(emulator, first).finished()
            && call(emulator, second).finished());
        assertThat(call(emulator, first).statusCode()).isEqualTo("304");
        assertThat(call(emulator, second).finishRequests()).isEqualTo(1);
        assertThat(log.events(Level.WARN, PROGRESS_LOGGER)).singleElement()
            .satisfies(e -> assertThat(e.getFormattedMessage())
                .contains("cannot read the progress of correlator group " + group(h))
                .contains(SinkConfig.CORRELATOR_APPLICATION_ID));
      }
    }
  }

  private SinkHarness harness(KafkaBroker kafka, BitrixEmulator emulator, String name)
      throws Exception {
    SinkHarness h = new SinkHarness(kafka, emulator, stateDir.resolve(name));
    h.config.put(SinkConfig.CRM_CALL_TIMEOUT_SECONDS, Long.toString(TIMEOUT_MS / 1000));
    h.config.put(SinkConfig.CORRELATOR_APPLICATION_ID,
        "it-correlator-" + UUID.randomUUID().toString().substring(0, 8));
    return h;
  }

  private static String group(SinkHarness h) {
    return h.config.get(SinkConfig.CORRELATOR_APPLICATION_ID);
  }

  /** A raw AMI record of pbx1 as the producer writes it: key pbxId, the default partitioner. */
  private static RecordMetadata raw(SinkHarness h, long receivedAt) throws Exception {
    try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, h.kafka.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer())) {
      return p.send(new ProducerRecord<>(h.topics.amiEvents().name(), null, receivedAt, "pbx1",
          "Event: Newchannel".getBytes(StandardCharsets.UTF_8))).get();
    }
  }

  /** The correlator's progress: its group's committed offset (the next record it would read). */
  private static void commit(SinkHarness h, TopicPartition tp, long offset) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", h.kafka.bootstrapServers()))) {
      admin.alterConsumerGroupOffsets(group(h), Map.of(tp, new OffsetAndMetadata(offset)))
          .all().get();
    }
  }

  /** What the receiver publishes with a click-to-call command requested at {@code requestedAt}. */
  private static void timeout(SinkHarness h, String crmCallId, long userId, long requestedAt)
      throws Exception {
    BitrixCommand c = CrmCallTimeout.finishUnlessClaimed("main", "pbx1",
        "bitrix:main:click:" + crmCallId, crmCallId, userId, Instant.ofEpochMilli(requestedAt),
        Instant.ofEpochMilli(requestedAt + TIMEOUT_MS), "the PBX did not report this call");
    try (KafkaProducer<String, BitrixCommand> p = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, h.kafka.bootstrapServers()),
        h.topics.bitrixCommands().keySerde().serializer(),
        h.topics.bitrixCommands().valueSerde().serializer())) {
      p.send(new ProducerRecord<>(h.topics.bitrixCommands().name(), "main", c)).get();
    }
  }

  private static Ledger.Call call(BitrixEmulator emulator, String callId) {
    return emulator.ledger().calls().stream().filter(c -> c.callId().equals(callId)).findFirst()
        .orElseThrow();
  }
}
