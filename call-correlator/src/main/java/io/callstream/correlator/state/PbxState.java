package io.callstream.correlator.state;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the correlator knows about one PBX. Treated as a value: the state machine never
 * changes a state it was given, it works on a {@link #copy()} and returns that.
 */
public final class PbxState {
  public String pbxId;
  public Map<String, ChannelState> channels = new LinkedHashMap<>();
  public Map<String, BridgeState> bridges = new LinkedHashMap<>();
  public Map<String, CallState> calls = new LinkedHashMap<>();
  public String connectionId;
  public boolean resyncing;
  public List<String> resyncSeen = new ArrayList<>();
  /** Highest event time seen (stream time), epoch millis. */
  public long streamTime;
  public long nextSweepAt;

  public static PbxState empty(String pbxId) {
    PbxState s = new PbxState();
    s.pbxId = pbxId;
    return s;
  }

  public PbxState copy() {
    PbxState s = new PbxState();
    s.pbxId = pbxId;
    channels.forEach((k, v) -> s.channels.put(k, v.copy()));
    bridges.forEach((k, v) -> s.bridges.put(k, v.copy()));
    calls.forEach((k, v) -> s.calls.put(k, v.copy()));
    s.connectionId = connectionId;
    s.resyncing = resyncing;
    s.resyncSeen = new ArrayList<>(resyncSeen);
    s.streamTime = streamTime;
    s.nextSweepAt = nextSweepAt;
    return s;
  }
}
