package io.callstream.producer.commands;

import io.callstream.schemas.PbxCommandExecution;
import io.callstream.schemas.PbxCommandRejection;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution log in {@code pbx.commands.executions} and the dead letters in
 * {@code pbx.commands.dead-letter}. At start-up the whole log is read once (for this process's
 * PBXs); afterwards this process is the only writer for its PBXs, so its own writes keep the
 * view current. Writes wait for Kafka's acknowledgement.
 */
public final class KafkaExecutionJournal implements ExecutionJournal, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaExecutionJournal.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(200);

  private final TopicDescriptor<String, PbxCommandExecution> executions;
  private final TopicDescriptor<String, PbxCommandRejection> deadLetters;
  private final KafkaProducer<String, Object> producer;
  private final Map<String, PbxCommandExecution> latest = new ConcurrentHashMap<>();

  @SuppressWarnings({"unchecked", "rawtypes"})
  public KafkaExecutionJournal(Topics topics, Map<String, ?> kafkaProperties) {
    this.executions = topics.pbxCommandExecutions();
    this.deadLetters = topics.pbxCommandsDeadLetter();
    this.producer = new KafkaProducer<>(KafkaClients.producer(kafkaProperties,
        "callstream-ami-commands-journal"), executions.keySerde().serializer(),
        new RecordSerializer(Map.of(executions.name(), executions.valueSerde().serializer(),
            deadLetters.name(), deadLetters.valueSerde().serializer())));
  }

  /** Reads the whole log up to its current end, keeping the latest step per command of these PBXs. */
  public void load(Map<String, ?> kafkaProperties, Set<String> pbxIds, Duration timeout) {
    try (KafkaConsumer<String, PbxCommandExecution> consumer = new KafkaConsumer<>(
        KafkaClients.consumer(kafkaProperties, "callstream-ami-commands-journal-load"),
        executions.keySerde().deserializer(), executions.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(executions.name(), timeout).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
      long deadline = System.nanoTime() + timeout.toNanos();
      int read = 0;
      while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + executions.name() + " within "
              + timeout.toMillis() + " ms; commands are not executed without it");
        }
        for (ConsumerRecord<String, PbxCommandExecution> r : consumer.poll(POLL)) {
          if (r.value() != null && pbxIds.contains(r.value().getPbxId())) {
            latest.put(r.value().getCommandId(), r.value());
            read++;
          }
        }
      }
      LOG.info("Command execution log {}: {} steps of {} commands for PBX(s) {}", executions.name(),
          read, latest.size(), pbxIds);
    }
  }

  @Override
  public Optional<PbxCommandExecution> last(String commandId) {
    return Optional.ofNullable(latest.get(commandId));
  }

  @Override
  public void record(PbxCommandExecution execution) {
    write(executions.name(), execution.getPbxId(), execution);
    latest.put(execution.getCommandId(), execution);
  }

  @Override
  public void deadLetter(PbxCommandRejection rejection) {
    write(deadLetters.name(), rejection.getPbxId(), rejection);
  }

  private void write(String topic, String key, Object value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JournalUnavailable("interrupted while writing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new JournalUnavailable("Kafka did not accept a record for " + topic + ": " + e, e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** Kafka cannot take the journal's record: the command must be retried later, not dropped. */
  public static final class JournalUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JournalUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
