package io.callstream.sink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.OutcomeStatus;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.sink.BitrixSink;
import io.callstream.sink.deadletter.DeadLetters;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.callstream.sink.emulator.Ledger;
import io.callstream.sink.testing.LogCapture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher's effectively-once memory is bounded by {@code sink.dedup.retention.hours}: an
 * outcome older than that (plus a day) is not loaded, a recent one still stops a re-send, and a
 * command older than the retention is dead-lettered instead of sent.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class DedupRetentionIT {

  @TempDir
  Path stateDir;

  private static BitrixCommand register(String leg) {
    return BitrixCommand.newBuilder().setCommandId(leg + "/0/0/REGISTER").setPortalId("main")
        .setPbxId("pbx1").setCallId(leg).setLegId(leg).setKind(BitrixCommandKind.REGISTER)
        .setExtensions(List.of("101"))
        .setParams(Map.of("PHONE_NUMBER", "+7495" + Math.abs(leg.hashCode() % 10_000_000),
            "TYPE", "2", "SHOW", "0", "EXTERNAL_CALL_ID", leg, "CALL_START_DATE",
            OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).truncatedTo(ChronoUnit.SECONDS).toString()))
        .setCreatedAt(Instant.now()).build();
  }

  private static BitrixOutcome applied(BitrixCommand c, Instant completedAt) {
    return BitrixOutcome.newBuilder().setCommandId(c.getCommandId()).setPortalId("main")
        .setCallId(c.getCallId()).setLegId(c.getLegId()).setKind(c.getKind())
        .setStatus(OutcomeStatus.APPLIED).setBitrixCallId("externalCall." + c.getLegId())
        .setAttempts(1).setCompletedAt(completedAt).build();
  }

  private static <V> void write(SinkHarness h, TopicDescriptor<String, V> topic, String key, V value,
      long timestamp) {
    try (KafkaProducer<String, V> p = new KafkaProducer<>(Map.of("bootstrap.servers",
        h.kafka.bootstrapServers()), topic.keySerde().serializer(),
        topic.valueSerde().serializer())) {
      p.send(new ProducerRecord<>(topic.name(), null, timestamp, key, value));
      p.flush();
    }
  }

  @Test
  void oldOutcomesAreForgottenRecentOnesStillDeduplicateAndExpiredCommandsAreNotSent(
      KafkaBroker kafka) throws Exception {
    try (BitrixEmulator emulator = BitrixEmulator.start(EmulatorConfig.builder().build());
        SinkHarness h = new SinkHarness(kafka, emulator, stateDir);
        LogCapture logs = LogCapture.install()) {
      h.config.put("sink.dedup.retention.hours", "48");
      long now = System.currentTimeMillis();
      BitrixCommand forgotten = register("pbx1/forgotten");
      BitrixCommand remembered = register("pbx1/remembered");
      BitrixCommand expired = register("pbx1/expired");
      write(h, h.topics.bitrixOutcomes(), forgotten.getCallId(),
          applied(forgotten, Instant.ofEpochMilli(now).minus(Duration.ofHours(48 + 24 + 1))), now);
      write(h, h.topics.bitrixOutcomes(), remembered.getCallId(),
          applied(remembered, Instant.ofEpochMilli(now).minus(Duration.ofHours(48 + 24 - 1))), now);
      write(h, h.topics.bitrixCommands(), "main", forgotten, now);
      write(h, h.topics.bitrixCommands(), "main", remembered, now);
      write(h, h.topics.bitrixCommands(), "main", expired,
          now - Duration.ofHours(48).toMillis() - 60_000);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.incrementalAlterConfigs(Map.of(
            new ConfigResource(ConfigResource.Type.TOPIC, h.topics.bitrixOutcomes().name()),
            List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "3600000"),
                AlterConfigOp.OpType.SET)))).all().get();
      }

      try (BitrixSink sink = h.startSink()) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
            !emulator.ledger().calls().isEmpty()
                && DeadLetters.list(h.topics, h.kafkaProperties()).size() == 1);
        Thread.sleep(2_000);
      }
      assertThat(emulator.ledger().calls()).as("only the command whose outcome was forgotten")
          .singleElement().extracting(Ledger.Call::externalCallId).isEqualTo("pbx1/forgotten");
      BitrixDeadLetter dead = DeadLetters.list(h.topics, h.kafkaProperties()).get(0);
      assertThat(dead.getErrorClass()).isEqualTo("EXPIRED");
      assertThat(dead.getCommand().getCommandId()).isEqualTo(expired.getCommandId());
      assertThat(dead.getReason()).contains("sink.dedup.retention.hours=48");
      assertThat(logs.lines()).anySatisfy(l -> assertThat(l)
          .contains(h.topics.bitrixOutcomes().name() + " keeps records 1 h (retention.ms=3600000), "
              + "less than the 72 h").contains("--add-config retention.ms=259200000"));
    }
  }
}
