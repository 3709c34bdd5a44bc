package io.callstream.deploy.tools;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.TopicProvisioner;
import io.callstream.schemas.topics.Topics;
import io.callstream.schemas.topics.ValueSerdeFactory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Topics with a fresh prefix on the test broker, and a way to put records in them. */
final class ToolsFixture {

  final String bootstrap;
  final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
  final Topics topics = new Topics(prefix, ValueSerdeFactory.defaults());

  ToolsFixture(String bootstrap) throws Exception {
    this.bootstrap = bootstrap;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      new TopicProvisioner(admin).createMissing(topics, 2, (short) 1);
    }
  }

  <V> void send(TopicDescriptor<String, V> topic, String key, List<V> values) throws Exception {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (V value : values) {
        Long timestamp = value instanceof AmiEvent e ? e.getReceivedAt().toEpochMilli() : null;
        producer.send(new ProducerRecord<>(topic.name(), null, timestamp, key, value)).get();
      }
    }
  }
}
