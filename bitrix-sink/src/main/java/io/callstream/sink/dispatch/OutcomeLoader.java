package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.topics.TopicDescriptor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads the whole outcomes topic into an {@link OutcomeIndex} (no consumer group). */
final class OutcomeLoader {

  private static final Duration LIMIT = Duration.ofSeconds(60);

  private OutcomeLoader() {
  }

  static OutcomeIndex load(Properties kafka, TopicDescriptor<String, BitrixOutcome> topic) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    OutcomeIndex index = new OutcomeIndex();
    try (KafkaConsumer<String, BitrixOutcome> consumer = new KafkaConsumer<>(p,
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), LIMIT).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, LIMIT);
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end within "
              + LIMIT.toSeconds() + " s");
        }
        for (ConsumerRecord<String, BitrixOutcome> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() != null) {
            index.add(r.value());
          }
        }
      }
    }
    return index;
  }
}
