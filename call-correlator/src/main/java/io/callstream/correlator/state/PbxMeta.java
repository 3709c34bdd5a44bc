package io.callstream.correlator.state;

import java.util.List;

/**
 * The PBX-wide part of the state (connection, resync, stream time, clock offset), stored apart
 * from the per-call entries because it changes on almost every event and is small. Stored as
 * JSON: a field missing in an entry written by an older version reads as null / false, so such
 * an entry reads as "clock offset unknown" whose times may be on either clock
 * ({@link PbxState#receiveClock()} false).
 */
public record PbxMeta(
    String connectionId,
    boolean resyncing,
    List<String> resyncSeen,
    long streamTime,
    long nextSweepAt,
    long nextOrdinal,
    Long clockOffset,
    boolean receiveClock) {

  public PbxMeta {
    resyncSeen = resyncSeen == null ? List.of() : List.copyOf(resyncSeen);
  }
}
