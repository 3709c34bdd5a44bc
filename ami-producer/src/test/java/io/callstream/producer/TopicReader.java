package io.callstream.producer;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.schemas.topics.TopicDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads a topic from the beginning until a condition holds or a deadline passes. */
final class TopicReader {

  private TopicReader() {
  }

  static <V> List<ConsumerRecord<String, V>> readUntil(KafkaBroker kafka,
      TopicDescriptor<String, V> topic, Predicate<List<ConsumerRecord<String, V>>> done,
      Duration timeout) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && !done.test(records)) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          records.add(r);
        }
      }
    }
    return records;
  }
}
