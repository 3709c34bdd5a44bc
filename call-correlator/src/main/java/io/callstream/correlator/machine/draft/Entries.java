package io.callstream.correlator.machine.draft;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The channels, bridges or calls of a {@link PbxDraft}, in insertion order, remembering which
 * keys one event may have changed. The topology stores only those entries, so the work per event
 * follows the calls the event touches, not the size of the PBX. Every entry gets an ordinal when
 * it is inserted; the store keeps it, so a reloaded draft iterates in exactly the same order
 * (iteration order decides, e.g., which timed-out call is closed first).
 */
public final class Entries<V> {

  private final Map<String, V> map = new LinkedHashMap<>();
  private final Map<String, Long> ordinals = new HashMap<>();
  private final Set<String> touched = new LinkedHashSet<>();
  private final PbxDraft owner;
  private final Index<V> index;

  Entries(PbxDraft owner, Index<V> index) {
    this.owner = owner;
    this.index = index;
  }

  /** Keeps a secondary index of the entries in step with puts and removals. */
  interface Index<V> {
    void added(V value);

    void removed(V value);
  }

  /** The entry, marked as possibly changed (handlers change the drafts they get). */
  public V get(String key) {
    V value = map.get(key);
    if (value != null) {
      touched.add(key);
    }
    return value;
  }

  public V put(String key, V value) {
    touched.add(key);
    V previous = map.put(key, value);
    if (previous == null) {
      ordinals.put(key, owner.nextOrdinal++);
    } else {
      index.removed(previous);
    }
    index.added(value);
    return previous;
  }

  public V computeIfAbsent(String key, Function<String, V> create) {
    V value = get(key);
    if (value == null) {
      value = create.apply(key);
      put(key, value);
    }
    return value;
  }

  public V remove(String key) {
    V previous = map.remove(key);
    if (previous != null) {
      touched.add(key);
      ordinals.remove(key);
      index.removed(previous);
    }
    return previous;
  }

  /**
   * Every entry, all marked as possibly changed. For the rare paths that have to look at the
   * whole PBX (connection gaps).
   */
  public Collection<V> values() {
    touched.addAll(map.keySet());
    return Collections.unmodifiableCollection(map.values());
  }

  /** Removes every entry matching {@code test}. */
  public void removeIf(Predicate<V> test) {
    for (Map.Entry<String, V> e : new ArrayList<>(map.entrySet())) {
      if (test.test(e.getValue())) {
        remove(e.getKey());
      }
    }
  }

  /** A copy of every entry without marking any; the caller marks what it changes. */
  public List<V> peekValues() {
    return new ArrayList<>(map.values());
  }

  /** The entry without marking it, for read-only look-ups. */
  public V peek(String key) {
    return map.get(key);
  }

  /** The insertion ordinal of an entry (its position in iteration order). */
  public long ordinal(String key) {
    return ordinals.getOrDefault(key, Long.MAX_VALUE);
  }

  /** Restores an entry read back from a store, keeping its ordinal; not marked. */
  public void restore(String key, V value, long ordinal) {
    map.put(key, value);
    ordinals.put(key, ordinal);
    index.added(value);
  }

  /** The keys marked since the last call, forgetting them. */
  public List<String> drainTouched() {
    List<String> out = new ArrayList<>(touched);
    touched.clear();
    return out;
  }

  void forEachKeyValue(BiConsumer<String, V> action) {
    map.forEach(action);
  }

  static <V> Index<V> noIndex() {
    return new Index<>() {
      @Override
      public void added(V value) {
      }

      @Override
      public void removed(V value) {
      }
    };
  }
}
