package io.callstream.correlator.topology;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How much state the correlator holds, for benchmarks and operators: the bytes of every key and
 * value in its state store (what RocksDB and the changelog carry, before compression), and how
 * many calls, channels, bridges and PBXs they describe. Heap is not measured here.
 *
 * <p>{@code calls} counts call groups, including pending ones (an extension off-hook that has not
 * dialled yet). A full scan of the store: call it from a monitoring thread, not per record.
 */
public record CorrelatorFootprint(long pbxs, long calls, long channels, long bridges,
    long entries, long bytes) {

  /** The footprint of all correlator tasks running in this Streams instance. */
  public static CorrelatorFootprint of(KafkaStreams streams) {
    return of(streams.store(StoreQueryParameters.fromNameAndType(
        CallCorrelatorTopology.STATE_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore())));
  }

  /** The footprint of one store (e.g. from a {@code TopologyTestDriver}). */
  public static CorrelatorFootprint of(ReadOnlyKeyValueStore<String, byte[]> store) {
    long pbxs = 0;
    long calls = 0;
    long channels = 0;
    long bridges = 0;
    long entries = 0;
    long bytes = 0;
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> kv = all.next();
        entries++;
        bytes += utf8Length(kv.key) + (kv.value == null ? 0 : kv.value.length);
        if (kv.key.startsWith(StateKeys.META_PREFIX)) {
          pbxs++;
        } else if (kv.key.contains("|" + StateKeys.CALL + "|")) {
          calls++;
        } else if (kv.key.contains("|" + StateKeys.CHANNEL + "|")) {
          channels++;
        } else if (kv.key.contains("|" + StateKeys.BRIDGE + "|")) {
          bridges++;
        }
      }
    }
    return new CorrelatorFootprint(pbxs, calls, channels, bridges, entries, bytes);
  }

  /** State bytes per open call, the per-PBX entries included; 0 when no call is open. */
  public double bytesPerCall() {
    return calls == 0 ? 0.0 : (double) bytes / calls;
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    return n;
  }
}
