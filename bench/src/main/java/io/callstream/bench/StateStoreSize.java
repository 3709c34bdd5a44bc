package io.callstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.correlator.topology.CallCorrelatorTopology;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Bytes of keys and values in the correlator's state store, read through interactive queries:
 * what RocksDB and the changelog hold before compression. Works with both store layouts the
 * correlator has had: byte values are counted as they are, object values (the older per-PBX
 * JSON state) by their JSON encoding, which is what that layout wrote.
 */
final class StateStoreSize {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private StateStoreSize() {
  }

  static long bytes(KafkaStreams streams) throws Exception {
    long total = 0;
    try (KeyValueIterator<Object, Object> all = streams.store(StoreQueryParameters.fromNameAndType(
        CallCorrelatorTopology.STATE_STORE, QueryableStoreTypes.keyValueStore())).all()) {
      while (all.hasNext()) {
        KeyValue<Object, Object> kv = all.next();
        total += size(kv.key) + size(kv.value);
      }
    }
    return total;
  }

  static long size(Object value) throws Exception {
    if (value == null) {
      return 0;
    }
    if (value instanceof byte[] bytes) {
      return bytes.length;
    }
    if (value instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8).length;
    }
    return JSON.writeValueAsBytes(value).length;
  }
}
