package io.callstream.correlator.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the correlator knows about one PBX, as an immutable value. The state machine reads
 * it into a draft, applies one event to the draft and freezes the result into a new value.
 *
 * @param streamTime the highest event time seen, on the PBX's clock (epoch millis)
 * @param clockOffset the producer's receive clock minus the PBX's clock, in ms, from the latest
 *     record that carried both; null until the PBX sent a {@code Timestamp}
 * @param receiveClock no offset is known yet and every time held here was read off the receive
 *     clock (so the first offset moves them all onto the PBX clock); false once an offset is
 *     known, and in state written before offsets were kept
 */
public record PbxState(
    String pbxId,
    Map<String, Channel> channels,
    Map<String, Bridge> bridges,
    Map<String, Call> calls,
    String connectionId,
    boolean resyncing,
    List<String> resyncSeen,
    long streamTime,
    long nextSweepAt,
    Long clockOffset,
    boolean receiveClock) {

  public PbxState {
    channels = channels == null ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    bridges = bridges == null ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(bridges));
    calls = calls == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(calls));
    resyncSeen = resyncSeen == null ? List.of() : List.copyOf(resyncSeen);
  }

  /** The state of a PBX nothing is known about yet. */
  public static PbxState empty(String pbxId) {
    return new PbxState(pbxId, Map.of(), Map.of(), Map.of(), null, false, List.of(), 0L, 0L,
        null, true);
  }
}
