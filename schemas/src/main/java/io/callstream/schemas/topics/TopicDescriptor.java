package io.callstream.schemas.topics;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic as the code sees it: its full name (prefix included), how its keys and values are
 * (de)serialised, and the topic-level settings it must be created with.
 */
public record TopicDescriptor<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> topicConfig) {

  public TopicDescriptor {
    topicConfig = Map.copyOf(topicConfig);
  }
}
