package io.callstream.deploy.tools;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads a slice of a topic without a consumer group (nothing is committed): the partition a key
 * lives in, optionally from a time on, up to the end offsets seen at the start. Bounded: it stops
 * at those end offsets, so it never waits for new records.
 */
public final class TopicScanner implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;

  public TopicScanner(Map<String, Object> kafkaProperties) {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The partition the default partitioner puts {@code key} in. */
  public TopicPartition partitionOf(String topic, String key) {
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (partitions == null || partitions.isEmpty()) {
      throw new IllegalStateException("Topic " + topic + " does not exist on this cluster");
    }
    byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new TopicPartition(topic, Utils.toPositive(Utils.murmur2(bytes)) % partitions.size());
  }

  /** Every partition of a topic. */
  public List<TopicPartition> partitions(String topic) {
    List<TopicPartition> out = new ArrayList<>();
    List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (partitions == null) {
      throw new IllegalStateException("Topic " + topic + " does not exist on this cluster");
    }
    partitions.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
    return out;
  }

  /**
   * Reads the partitions from {@code from} (null: the beginning) to their current end, or to the
   * first record stamped after {@code until} (null: no limit).
   *
   * @param progress receives the number of records read so far, about once a second
   */
  public void scan(List<TopicPartition> partitions, Instant from, Instant until,
      Consumer<ConsumerRecord<byte[], byte[]>> each, Consumer<Long> progress) {
    consumer.assign(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    if (from == null) {
      consumer.seekToBeginning(partitions);
    } else {
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(p -> query.put(p, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
      partitions.forEach(p -> {
        OffsetAndTimestamp o = offsets.get(p);
        consumer.seek(p, o == null ? end.get(p) : o.offset());
      });
    }
    long read = 0;
    long lastReport = System.nanoTime();
    while (!reachedEnd(partitions, end)) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (until != null && record.timestamp() > until.toEpochMilli()) {
          end.put(partition, record.offset());
        }
        if (record.offset() < end.get(partition)) {
          each.accept(record);
          read++;
        }
      }
      if (System.nanoTime() - lastReport > 1_000_000_000L) {
        progress.accept(read);
        lastReport = System.nanoTime();
      }
    }
  }

  private boolean reachedEnd(List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
    for (TopicPartition p : partitions) {
      if (consumer.position(p) < end.get(p)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(2));
  }
}
