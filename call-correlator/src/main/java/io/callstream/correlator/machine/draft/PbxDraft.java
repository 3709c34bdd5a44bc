package io.callstream.correlator.machine.draft;

import io.callstream.correlator.dialplan.ChannelNames;
import io.callstream.correlator.state.PbxState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The working copy of a {@link PbxState} that events are applied to. Offline it is built from a
 * value and frozen after each event; the topology keeps it as a working set and stores only the
 * entries an event touched ({@link Entries}). Indexes by call group and by Local pair keep the
 * look-ups of one event independent of the number of calls on the PBX.
 */
public final class PbxDraft {
  public String pbxId;
  /** Next insertion ordinal of {@link #channels}, {@link #bridges} and {@link #calls}. */
  long nextOrdinal;
  private final Map<String, Set<String>> byGroup = new HashMap<>();
  private final Map<String, Set<String>> byPairKey = new HashMap<>();
  public final Entries<ChannelDraft> channels = new Entries<>(this, new ChannelIndex());
  public final Entries<BridgeDraft> bridges = new Entries<>(this, Entries.noIndex());
  public final Entries<CallDraft> calls = new Entries<>(this, Entries.noIndex());
  public String connectionId;
  public boolean resyncing;
  public List<String> resyncSeen = new ArrayList<>();
  /** Highest event time seen (stream time) on the PBX's clock, epoch millis. */
  public long streamTime;
  public long nextSweepAt;
  /** Receive clock minus PBX clock in ms (latest record with both), null while unknown. */
  public Long clockOffset;
  /** See {@link PbxState#receiveClock()}; a PBX nothing is known about has no times yet. */
  public boolean receiveClock = true;

  /** An empty draft of a PBX nothing is known about. */
  public static PbxDraft empty(String pbxId) {
    PbxDraft d = new PbxDraft();
    d.pbxId = pbxId;
    return d;
  }

  /** A working copy of {@code value}. */
  public static PbxDraft of(PbxState value) {
    PbxDraft d = empty(value.pbxId());
    value.channels().forEach((k, v) -> d.channels.put(k, ChannelDraft.of(v)));
    value.bridges().forEach((k, v) -> d.bridges.put(k, BridgeDraft.of(v)));
    value.calls().forEach((k, v) -> d.calls.put(k, CallDraft.of(v)));
    d.connectionId = value.connectionId();
    d.resyncing = value.resyncing();
    d.resyncSeen.addAll(value.resyncSeen());
    d.streamTime = value.streamTime();
    d.nextSweepAt = value.nextSweepAt();
    d.clockOffset = value.clockOffset();
    d.receiveClock = value.receiveClock();
    d.forgetTouched();
    return d;
  }

  public long nextOrdinal() {
    return nextOrdinal;
  }

  /** Restores the ordinal counter read back from a store. */
  public void restoreNextOrdinal(long value) {
    nextOrdinal = value;
  }

  /** Moves a channel into another call group. */
  public void setGroup(ChannelDraft channel, String group) {
    unindexGroup(channel);
    channel.group = group;
    if (group != null && channels.peek(channel.uniqueid) == channel) {
      byGroup.computeIfAbsent(group, k -> new LinkedHashSet<>()).add(channel.uniqueid);
    }
  }

  /** Renames a channel (Asterisk masquerades). */
  public void rename(ChannelDraft channel, String name) {
    unindexPair(channel);
    channel.name = name;
    indexPair(channel);
  }

  /** The channels of a call group, in insertion order. */
  public List<ChannelDraft> channelsOf(String group) {
    return sorted(byGroup.get(group));
  }

  /** The channels whose name gives this Local pair key, in insertion order. */
  public List<ChannelDraft> channelsWithPairKey(String pairKey) {
    return sorted(byPairKey.get(pairKey));
  }

  private List<ChannelDraft> sorted(Set<String> uids) {
    List<ChannelDraft> out = new ArrayList<>();
    if (uids == null) {
      return out;
    }
    uids.stream().sorted(Comparator.comparingLong(channels::ordinal))
        .forEach(uid -> out.add(channels.get(uid)));
    return out;
  }

  /** Forgets which entries were touched (after a load). */
  public void forgetTouched() {
    channels.drainTouched();
    bridges.drainTouched();
    calls.drainTouched();
  }

  /** The immutable value of this draft. */
  public PbxState freeze() {
    return new PbxState(
        pbxId,
        freezeAll(channels, ChannelDraft::freeze),
        freezeAll(bridges, BridgeDraft::freeze),
        freezeAll(calls, CallDraft::freeze),
        connectionId,
        resyncing,
        resyncSeen,
        streamTime,
        nextSweepAt,
        clockOffset,
        receiveClock);
  }

  /**
   * Moves every time its channels and calls hold by {@code deltaMillis}, onto another clock.
   * Every channel and call is marked as changed; done once per PBX at most (see
   * {@link #receiveClock}).
   */
  public void shiftEntryTimes(long deltaMillis) {
    channels.values().forEach(c -> c.createdAt += deltaMillis);
    calls.values().forEach(c -> c.shiftTimes(deltaMillis));
  }

  private static <D, V> Map<String, V> freezeAll(Entries<D> drafts,
      java.util.function.Function<D, V> freeze) {
    Map<String, V> out = new LinkedHashMap<>();
    drafts.forEachKeyValue((k, v) -> out.put(k, freeze.apply(v)));
    return out;
  }

  private void unindexGroup(ChannelDraft channel) {
    Set<String> members = channel.group == null ? null : byGroup.get(channel.group);
    if (members != null) {
      members.remove(channel.uniqueid);
      if (members.isEmpty()) {
        byGroup.remove(channel.group);
      }
    }
  }

  private void indexPair(ChannelDraft channel) {
    String key = ChannelNames.localPairKey(channel.name);
    if (key != null) {
      byPairKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(channel.uniqueid);
    }
  }

  private void unindexPair(ChannelDraft channel) {
    String key = ChannelNames.localPairKey(channel.name);
    Set<String> uids = key == null ? null : byPairKey.get(key);
    if (uids != null) {
      uids.remove(channel.uniqueid);
      if (uids.isEmpty()) {
        byPairKey.remove(key);
      }
    }
  }

  private final class ChannelIndex implements Entries.Index<ChannelDraft> {
    @Override
    public void added(ChannelDraft channel) {
      if (channel.group != null) {
        byGroup.computeIfAbsent(channel.group, k -> new LinkedHashSet<>()).add(channel.uniqueid);
      }
      indexPair(channel);
    }

    @Override
    public void removed(ChannelDraft channel) {
      unindexGroup(channel);
      unindexPair(channel);
    }
  }
}
