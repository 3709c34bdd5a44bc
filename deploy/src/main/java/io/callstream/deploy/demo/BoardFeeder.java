package io.callstream.deploy.demo;

import io.callstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the raw, lifecycle and outcome topics (read only, no committed offsets) and feeds the
 * {@link CallBoard}. Raw events are only counted, never decoded.
 */
public final class BoardFeeder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BoardFeeder.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topics topics;
  private final CallBoard board;
  private final Thread thread;

  public BoardFeeder(String bootstrapServers, Topics topics, CallBoard board) {
    this.topics = topics;
    this.board = board;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "callstream-board-" + UUID.randomUUID(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "demo-board-feeder");
    this.thread.setDaemon(true);
  }

  public void start() {
    consumer.subscribe(List.of(topics.amiEvents().name(), topics.callLifecycle().name(),
        topics.bitrixOutcomes().name()));
    thread.start();
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        int raw = 0;
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
          if (record.topic().equals(topics.amiEvents().name())) {
            raw++;
          } else {
            feed(record);
          }
        }
        if (raw > 0) {
          board.onRawEvents(raw);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void feed(ConsumerRecord<byte[], byte[]> record) {
    try {
      if (record.topic().equals(topics.callLifecycle().name())) {
        board.onLifecycle(topics.callLifecycle().valueSerde().deserializer()
            .deserialize(record.topic(), record.value()));
      } else {
        board.onOutcome(topics.bitrixOutcomes().valueSerde().deserializer()
            .deserialize(record.topic(), record.value()));
      }
    } catch (RuntimeException e) {
      LOG.warn("Demo board skipped a record at {}-{}@{}: {}", record.topic(), record.partition(),
          record.offset(), e.toString());
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(5000);
  }
}
