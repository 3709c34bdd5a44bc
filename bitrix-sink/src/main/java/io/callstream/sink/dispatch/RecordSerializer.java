package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serializer;

/** One producer writes outcomes and dead letters; this picks each topic's value serde. */
final class RecordSerializer implements Serializer<Object> {

  private final Serializer<BitrixOutcome> outcomes;
  private final Serializer<BitrixDeadLetter> deadLetters;

  RecordSerializer(Topics topics) {
    this.outcomes = topics.bitrixOutcomes().valueSerde().serializer();
    this.deadLetters = topics.bitrixDeadLetter().valueSerde().serializer();
  }

  @Override
  public byte[] serialize(String topic, Object value) {
    if (value instanceof BitrixOutcome o) {
      return outcomes.serialize(topic, o);
    }
    if (value instanceof BitrixDeadLetter d) {
      return deadLetters.serialize(topic, d);
    }
    throw new IllegalArgumentException("unexpected record " + value);
  }
}
