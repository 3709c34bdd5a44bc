package io.callstream.correlator.topology;

import io.callstream.correlator.machine.draft.BridgeDraft;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.correlator.machine.draft.Entries;
import io.callstream.correlator.machine.draft.PbxDraft;
import io.callstream.correlator.state.Bridge;
import io.callstream.correlator.state.Call;
import io.callstream.correlator.state.Channel;
import io.callstream.correlator.state.PbxMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Reads a PBX's draft back from the key-value store and writes only the entries an event touched
 * (see {@link StateKeys}). The store, with its changelog, is the truth; drafts are a cache of it.
 */
final class PbxEntryStore {

  private static final EntryCodec<Channel> CHANNELS = new EntryCodec<>(Channel.class);
  private static final EntryCodec<Bridge> BRIDGES = new EntryCodec<>(Bridge.class);
  private static final EntryCodec<Call> CALLS = new EntryCodec<>(Call.class);
  private static final EntryCodec<PbxMeta> METAS = new EntryCodec<>(PbxMeta.class);

  private final KeyValueStore<String, byte[]> store;
  /** The meta entry last written per PBX, so an unchanged one is not written again. */
  private final Map<String, PbxMeta> writtenMeta = new HashMap<>();
  /**
   * The value last written (or read) per entry key. Handlers touch more than they change (every
   * look-up of a channel counts as a touch); comparing frozen values is much cheaper than
   * encoding and writing an unchanged entry.
   */
  private final Map<String, Written> written = new HashMap<>();

  PbxEntryStore(KeyValueStore<String, byte[]> store) {
    this.store = store;
  }

  /** The PBX's draft as stored, or an empty one. */
  PbxDraft load(String pbxId) {
    PbxDraft draft = PbxDraft.empty(pbxId);
    byte[] metaBytes = store.get(StateKeys.meta(pbxId));
    if (metaBytes != null) {
      PbxMeta meta = METAS.decode(metaBytes);
      draft.connectionId = meta.connectionId();
      draft.resyncing = meta.resyncing();
      draft.resyncSeen.addAll(meta.resyncSeen());
      draft.streamTime = meta.streamTime();
      draft.nextSweepAt = meta.nextSweepAt();
      draft.restoreNextOrdinal(meta.nextOrdinal());
      draft.clockOffset = meta.clockOffset();
      draft.receiveClock = meta.receiveClock();
      writtenMeta.put(pbxId, meta);
    }
    List<Stored> channels = new ArrayList<>();
    List<Stored> bridges = new ArrayList<>();
    List<Stored> calls = new ArrayList<>();
    String prefix = StateKeys.entries(pbxId);
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, new StringSerializer())) {
      it.forEachRemaining(kv -> {
        String rest = kv.key.substring(prefix.length());
        int bar = rest.indexOf('|');
        Stored entry = new Stored(rest.substring(bar + 1), kv.value);
        switch (rest.substring(0, bar)) {
          case StateKeys.CHANNEL -> channels.add(entry);
          case StateKeys.BRIDGE -> bridges.add(entry);
          case StateKeys.CALL -> calls.add(entry);
          default -> throw new IllegalStateException("unknown state entry " + kv.key);
        }
      });
    }
    restore(pbxId, StateKeys.CHANNEL, draft.channels, channels, CHANNELS, ChannelDraft::of);
    restore(pbxId, StateKeys.BRIDGE, draft.bridges, bridges, BRIDGES, BridgeDraft::of);
    restore(pbxId, StateKeys.CALL, draft.calls, calls, CALLS, CallDraft::of);
    return draft;
  }

  private <V extends Record, D> void restore(String pbxId, String kind, Entries<D> into,
      List<Stored> entries, EntryCodec<V> codec, Function<V, D> thaw) {
    entries.sort(Comparator.comparingLong(Stored::ordinal));
    for (Stored e : entries) {
      V value = codec.decode(e.bytes);
      written.put(StateKeys.entry(pbxId, kind, e.id), new Written(e.ordinal(), value));
      into.restore(e.id, thaw.apply(value), e.ordinal());
    }
  }

  /** Writes the entries touched since the last save and the meta entry if it changed. */
  void save(PbxDraft draft) {
    String pbxId = draft.pbxId;
    write(pbxId, StateKeys.CHANNEL, draft.channels, ChannelDraft::freeze, CHANNELS);
    write(pbxId, StateKeys.BRIDGE, draft.bridges, BridgeDraft::freeze, BRIDGES);
    write(pbxId, StateKeys.CALL, draft.calls, CallDraft::freeze, CALLS);
    PbxMeta meta = new PbxMeta(draft.connectionId, draft.resyncing, draft.resyncSeen,
        draft.streamTime, draft.nextSweepAt, draft.nextOrdinal(), draft.clockOffset,
        draft.receiveClock);
    if (!meta.equals(writtenMeta.get(pbxId))) {
      store.put(StateKeys.meta(pbxId), METAS.encode(0L, meta));
      writtenMeta.put(pbxId, meta);
    }
  }

  private <D, V extends Record> void write(String pbxId, String kind, Entries<D> entries,
      Function<D, V> freeze, EntryCodec<V> codec) {
    for (String id : entries.drainTouched()) {
      D draft = entries.peek(id);
      String key = StateKeys.entry(pbxId, kind, id);
      if (draft == null) {
        if (written.remove(key) != null) {
          store.delete(key);
        }
        continue;
      }
      Written value = new Written(entries.ordinal(id), freeze.apply(draft));
      if (!value.equals(written.get(key))) {
        store.put(key, codec.encode(value.ordinal(), codec.type().cast(value.value())));
        written.put(key, value);
      }
    }
  }

  /** Every PBX that has state in the store. */
  List<String> pbxIds() {
    List<String> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it =
        store.prefixScan(StateKeys.META_PREFIX, new StringSerializer())) {
      it.forEachRemaining(kv -> out.add(StateKeys.pbxOfMeta(kv.key)));
    }
    return out;
  }

  /**
   * Forgets what was written (the store may have been restored from its changelog); every draft
   * must be reloaded after this, since deletions are only written for entries known to exist.
   */
  void reset() {
    writtenMeta.clear();
    written.clear();
  }

  /** What the store holds for one entry: the ordinal decides the order after a reload. */
  private record Written(long ordinal, Record value) {
  }

  private record Stored(String id, byte[] bytes) {
    long ordinal() {
      return EntryCodec.ordinal(bytes);
    }
  }
}
