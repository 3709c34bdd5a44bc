package io.callstream.producer.commands;

import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.PbxCommandFailure;
import io.callstream.schemas.PbxCommandRejection;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code pbx.commands} on its own thread and hands each command of this process's PBXs
 * to the {@link CommandExecutor}, one at a time; the offset is committed only after the
 * command's outcome is durable. Commands of other PBXs are skipped: every producer process has
 * its own consumer group and reads every partition (a partition holds several PBXs).
 *
 * <p>Retries, classified here: the journal or the trace search (Kafka) unavailable, or an
 * unexpected error → the same command again after a capped, doubling pause, until it works
 * (nothing is lost while it waits, and nothing else can be done first without breaking order);
 * an unreadable record → dead letter, skipped.
 */
public final class CommandConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RETRY_FIRST = Duration.ofSeconds(1);
  private static final Duration RETRY_MAX = Duration.ofSeconds(30);

  private final TopicDescriptor<String, PbxCommand> commands;
  private final KafkaConsumer<String, PbxCommand> consumer;
  private final CommandExecutor executor;
  private final ExecutionJournal journal;
  private final Clock clock;
  private final Thread thread;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final Object interruptLock = new Object();
  /** Set once the consumer is closing: from then on close() must not interrupt this thread. */
  private boolean consumerClosing;

  public CommandConsumer(Topics topics, Map<String, ?> kafkaProperties, String groupId,
      CommandExecutor executor, ExecutionJournal journal, Clock clock) {
    this.commands = topics.pbxCommands();
    Map<String, Object> props = KafkaClients.consumer(kafkaProperties, groupId);
    props.put("group.id", groupId);
    // One command can wait for its PBX for up to ami.commands.pbx.wait.ms between polls.
    props.put("max.poll.records", "1");
    props.put("max.poll.interval.ms", Integer.toString(30 * 60 * 1000));
    this.consumer = new KafkaConsumer<>(props, commands.keySerde().deserializer(),
        commands.valueSerde().deserializer());
    this.executor = executor;
    this.journal = journal;
    this.clock = clock;
    this.thread = new Thread(this::run, "ami-commands");
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    Duration pause = RETRY_FIRST;
    try {
      consumer.subscribe(List.of(commands.name()));
      while (stopping.getCount() > 0) {
        try {
          for (ConsumerRecord<String, PbxCommand> record : consumer.poll(POLL)) {
            handle(record);
            consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1)));
          }
          pause = RETRY_FIRST;
        } catch (RecordDeserializationException e) {
          unreadable(e);
        } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
          throw e;
        } catch (RuntimeException e) {
          // Kafka unavailable (journal, trace search) is expected and retried quietly; anything
          // else is a bug, retried too, because skipping would lose the call.
          if (e instanceof KafkaExecutionJournal.JournalUnavailable || e instanceof KafkaException
              || e instanceof IllegalStateException) {
            LOG.warn("Command not finished ({}); retrying it in {} ms", e.getMessage(), pause.toMillis());
          } else {
            LOG.error("Command not finished, unexpected error; retrying it in {} ms", pause.toMillis(), e);
          }
          rewind();
          if (stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
            return;
          }
          pause = pause.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : pause.multipliedBy(2);
        }
      }
    } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
      // close() woke the consumer up to stop; the command in hand stays uncommitted.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeConsumer();
    }
  }

  /**
   * close() interrupts this thread to cut a PBX wait short; the consumer's own close must still
   * leave the group cleanly, so the interrupt is set aside while it runs.
   */
  private void closeConsumer() {
    boolean interrupted;
    synchronized (interruptLock) {
      consumerClosing = true;
      interrupted = Thread.interrupted();
    }
    try {
      consumer.close(Duration.ofSeconds(5));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void handle(ConsumerRecord<String, PbxCommand> record) throws InterruptedException {
    PbxCommand command = record.value();
    if (command == null || !executor.owns(command.getPbxId())) {
      return;
    }
    executor.execute(command);
  }

  /** Goes back to the last committed offsets, so the failed command is read again. */
  private void rewind() {
    for (TopicPartition p : consumer.assignment()) {
      OffsetAndMetadata committed = consumer.committed(Set.of(p)).get(p);
      if (committed != null) {
        consumer.seek(p, committed.offset());
      } else {
        consumer.seekToBeginning(List.of(p));
      }
    }
  }

  private void unreadable(RecordDeserializationException e) {
    TopicPartition p = e.topicPartition();
    String where = p + "@" + e.offset();
    LOG.error("Unreadable record {} on {} ({}); dead-lettered and skipped", where, commands.name(),
        e.getCause() == null ? e.toString() : e.getCause().toString());
    journal.deadLetter(PbxCommandRejection.newBuilder().setCommand(null).setCommandId(where)
        .setPbxId("unknown").setFailure(PbxCommandFailure.INVALID)
        .setReason("the record could not be read as a PbxCommand").setField(null)
        .setRejectedAt(clock.instant()).build());
    consumer.seek(p, e.offset() + 1);
    consumer.commitSync(Map.of(p, new OffsetAndMetadata(e.offset() + 1)));
  }

  @Override
  public void close() {
    stopping.countDown();
    consumer.wakeup();
    // A command waiting for its PBX must stop waiting without being declared FAILED.
    synchronized (interruptLock) {
      if (!consumerClosing) {
        thread.interrupt();
      }
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
