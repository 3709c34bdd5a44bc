package io.callstream.correlator.machine.draft;

import io.callstream.correlator.state.PbxState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working copy of a {@link PbxState} that one event is applied to; frozen into the next
 * immutable state when the event is done.
 */
public final class PbxDraft {
  public String pbxId;
  public Map<String, ChannelDraft> channels = new LinkedHashMap<>();
  public Map<String, BridgeDraft> bridges = new LinkedHashMap<>();
  public Map<String, CallDraft> calls = new LinkedHashMap<>();
  public String connectionId;
  public boolean resyncing;
  public List<String> resyncSeen = new ArrayList<>();
  /** Highest event time seen (stream time), epoch millis. */
  public long streamTime;
  public long nextSweepAt;

  /** A working copy of {@code value}. */
  public static PbxDraft of(PbxState value) {
    PbxDraft d = new PbxDraft();
    d.pbxId = value.pbxId();
    value.channels().forEach((k, v) -> d.channels.put(k, ChannelDraft.of(v)));
    value.bridges().forEach((k, v) -> d.bridges.put(k, BridgeDraft.of(v)));
    value.calls().forEach((k, v) -> d.calls.put(k, CallDraft.of(v)));
    d.connectionId = value.connectionId();
    d.resyncing = value.resyncing();
    d.resyncSeen.addAll(value.resyncSeen());
    d.streamTime = value.streamTime();
    d.nextSweepAt = value.nextSweepAt();
    return d;
  }

  /** The immutable value of this draft. */
  public PbxState freeze() {
    return new PbxState(
        pbxId,
        freezeAll(channels,
        ChannelDraft::freeze),
        freezeAll(bridges,
        BridgeDraft::freeze),
        freezeAll(calls,
        CallDraft::freeze),
        connectionId,
        resyncing,
        resyncSeen,
        streamTime,
        nextSweepAt);
  }

  private static <D, V> Map<String, V> freezeAll(Map<String, D> drafts,
      java.util.function.Function<D, V> freeze) {
    Map<String, V> out = new LinkedHashMap<>();
    drafts.forEach((k, v) -> out.put(k, freeze.apply(v)));
    return out;
  }
}
