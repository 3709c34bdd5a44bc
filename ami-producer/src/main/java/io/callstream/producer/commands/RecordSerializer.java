package io.callstream.producer.commands;

import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;

/** One producer for two topics with different value types: the serializer is chosen by topic. */
final class RecordSerializer<T> implements Serializer<T> {

  private final Map<String, Serializer<T>> byTopic;

  RecordSerializer(Map<String, Serializer<T>> byTopic) {
    this.byTopic = Map.copyOf(byTopic);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    Serializer<T> serializer = byTopic.get(topic);
    if (serializer == null) {
      throw new IllegalArgumentException("no serializer for topic " + topic);
    }
    return serializer.serialize(topic, data);
  }
}
