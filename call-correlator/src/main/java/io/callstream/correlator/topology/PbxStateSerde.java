package io.callstream.correlator.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.correlator.state.PbxState;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Stores a PBX's correlation state as JSON: readable when debugging a changelog, and tolerant of
 * fields added later (unknown ones are ignored on read).
 */
public final class PbxStateSerde {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private PbxStateSerde() {
  }

  public static Serde<PbxState> serde() {
    Serializer<PbxState> serializer = (topic, state) -> {
      try {
        return state == null ? null : JSON.writeValueAsBytes(state);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    Deserializer<PbxState> deserializer = (topic, bytes) -> {
      try {
        return bytes == null ? null : JSON.readValue(bytes, PbxState.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
