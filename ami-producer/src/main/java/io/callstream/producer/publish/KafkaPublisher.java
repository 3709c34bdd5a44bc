package io.callstream.producer.publish;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.InvalidAmiFrame;
import io.callstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One Kafka producer shared by every PBX: raw events to {@code pbx.ami.events}, invalid frames
 * to {@code pbx.ami.invalid}, key = pbxId so one PBX stays in one partition, in order.
 * Idempotent with {@code acks=all} (so retries neither duplicate nor reorder) and lz4.
 */
public final class KafkaPublisher implements AutoCloseable {

  /** Producer settings the raw log's guarantees rely on; a conflicting user value fails start-up. */
  static final Map<String, String> REQUIRED = Map.of(
      ProducerConfig.ACKS_CONFIG, "all",
      ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");

  private final KafkaProducer<String, byte[]> producer;
  private final String eventsTopic;
  private final String invalidTopic;
  private final Serializer<AmiEvent> eventSerializer;
  private final Serializer<InvalidAmiFrame> invalidSerializer;

  public KafkaPublisher(Topics topics, Map<String, ?> kafkaProperties) {
    this.eventsTopic = topics.amiEvents().name();
    this.invalidTopic = topics.amiInvalid().name();
    this.eventSerializer = topics.amiEvents().valueSerde().serializer();
    this.invalidSerializer = topics.amiInvalid().valueSerde().serializer();
    this.producer = new KafkaProducer<>(producerProperties(kafkaProperties),
        new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * Our defaults, then the caller's settings, then the settings we cannot give up.
   *
   * @throws IllegalArgumentException when the caller asks for weaker delivery than required
   */
  public static Map<String, Object> producerProperties(Map<String, ?> kafkaProperties) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "callstream-ami-producer");
    // With several requests in flight, a batch refused by a partition leader that is not ready
    // yet (just created) can be overtaken by later batches the broker then accepts: the first
    // records of a session end up missing or behind later ones (seen in ManyPbxIT). One request
    // at a time keeps the raw log in order; batches stay large, so throughput is still ample.
    props.put("max.in.flight.requests.per.connection", "1");
    props.putAll(kafkaProperties);
    for (Map.Entry<String, String> required : REQUIRED.entrySet()) {
      Object given = kafkaProperties.get(required.getKey());
      boolean same = given == null || given.toString().equals(required.getValue())
          || (required.getKey().equals(ProducerConfig.ACKS_CONFIG) && given.toString().equals("-1"));
      if (!same) {
        throw new IllegalArgumentException(required.getKey() + " = " + given + ": the raw AMI log "
            + "needs " + required.getValue() + " (no loss, no duplicates, no reordering); remove the key");
      }
      props.put(required.getKey(), required.getValue());
    }
    return props;
  }

  /** Sends without waiting for the broker; {@code done} runs on the producer's I/O thread. */
  public void send(String pbxId, SpecificRecord value, Callback done) {
    if (value instanceof AmiEvent event) {
      producer.send(new ProducerRecord<>(eventsTopic, pbxId,
          eventSerializer.serialize(eventsTopic, event)), done);
    } else {
      producer.send(new ProducerRecord<>(invalidTopic, pbxId,
          invalidSerializer.serialize(invalidTopic, (InvalidAmiFrame) value)), done);
    }
  }

  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
