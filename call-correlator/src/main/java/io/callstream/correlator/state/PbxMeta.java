package io.callstream.correlator.state;

import java.util.List;

/**
 * The PBX-wide part of the state (connection, resync, stream time), stored apart from the
 * per-call entries because it changes on almost every event and is small.
 */
public record PbxMeta(
    String connectionId,
    boolean resyncing,
    List<String> resyncSeen,
    long streamTime,
    long nextSweepAt,
    long nextOrdinal) {

  public PbxMeta {
    resyncSeen = resyncSeen == null ? List.of() : List.copyOf(resyncSeen);
  }
}
