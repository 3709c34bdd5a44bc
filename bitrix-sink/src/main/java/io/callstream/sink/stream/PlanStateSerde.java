package io.callstream.sink.stream;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.sink.mapping.PlanState;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON for the planner's per-call state store (internal to the sink, so no Avro schema). */
final class PlanStateSerde implements Serde<PlanState> {

  private static final ObjectMapper JSON = new ObjectMapper()
      .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  @Override
  public Serializer<PlanState> serializer() {
    return (topic, state) -> {
      try {
        return state == null ? null : JSON.writeValueAsBytes(state);
      } catch (IOException e) {
        throw new SerializationException("plan state", e);
      }
    };
  }

  @Override
  public Deserializer<PlanState> deserializer() {
    return (topic, bytes) -> {
      try {
        return bytes == null ? null : JSON.readValue(bytes, PlanState.class);
      } catch (IOException e) {
        throw new SerializationException("plan state", e);
      }
    };
  }
}
