package io.callstream.producer.commands;

import io.callstream.producer.publish.KafkaPublisher;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Kafka settings for the command side, derived from the producer's own Kafka properties. */
final class KafkaClients {

  private KafkaClients() {
  }

  /** Same delivery guarantees as the raw stream (acks=all, idempotence), low latency. */
  static Map<String, Object> producer(Map<String, ?> kafkaProperties, String clientId) {
    Map<String, Object> props = KafkaPublisher.producerProperties(kafkaProperties);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return props;
  }

  /**
   * Only the connection settings of the producer properties (address, TLS, SASL) are passed on:
   * producer tuning keys mean nothing to a consumer.
   */
  static Map<String, Object> consumer(Map<String, ?> kafkaProperties, String clientId) {
    Map<String, Object> props = new HashMap<>();
    kafkaProperties.forEach((k, v) -> {
      if (k.equals("bootstrap.servers") || k.startsWith("security.") || k.startsWith("ssl.")
          || k.startsWith("sasl.") || k.equals("client.dns.lookup")) {
        props.put(k, v);
      }
    });
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }
}
