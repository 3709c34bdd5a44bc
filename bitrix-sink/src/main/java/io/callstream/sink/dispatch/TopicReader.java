package io.callstream.sink.dispatch;

import io.callstream.schemas.topics.TopicDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a whole topic, from the beginning to its current end, without a consumer group. */
public final class TopicReader {

  private TopicReader() {
  }

  public static <V> void readAll(Properties kafka, TopicDescriptor<String, V> topic, Duration limit,
      Consumer<ConsumerRecord<String, V>> each) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.remove("state.dir");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(p,
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), limit).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, limit);
      long deadline = System.nanoTime() + limit.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end within "
              + limit.toSeconds() + " s");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }
}
