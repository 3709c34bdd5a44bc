package io.callstream.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.schemas.SampleRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class TopicsIT {

  @Test
  void shouldProduceAndConsumeEveryTopicRecordThroughTheDescriptors(KafkaBroker kafka) throws Exception {
    Topics topics = new Topics("it-" + UUID.randomUUID() + ".", ValueSerdeFactory.defaults());
    List<SpecificRecord> samples = SampleRecords.all();
    List<TopicDescriptor<String, ? extends SpecificRecord>> all = topics.all();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      List<NewTopic> newTopics = new ArrayList<>();
      for (TopicDescriptor<String, ?> t : all) {
        newTopics.add(new NewTopic(t.name(), 1, (short) 1).configs(t.topicConfig()));
      }
      admin.createTopics(newTopics).all().get();
    }

    for (int i = 0; i < all.size(); i++) {
      assertThat(roundTrip(kafka, all.get(i), samples.get(i))).isEqualTo(samples.get(i));
    }
  }

  @SuppressWarnings("unchecked")
  private static <V extends SpecificRecord> Object roundTrip(
      KafkaBroker kafka, TopicDescriptor<String, V> topic, SpecificRecord value) {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), "key", (V) value));
    }
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          assertThat(record.key()).isEqualTo("key");
          return record.value();
        }
      }
    }
    throw new AssertionError("Nothing arrived on " + topic.name() + " within 30 s");
  }
}
