package io.callstream.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Joins what the three components recorded into one latency per call: the ring event's frame
 * (found by its PBX and PBX time, which the lifecycle's RINGING step carries) arriving at the
 * producer, to the sink's register request for that call completing at the emulator.
 */
final class CardLatency {

  /** Receive times (µs) of raw frames, by PBX and PBX time in ms. */
  private final Map<String, NavigableSet<Long>> received = new HashMap<>();
  private final Map<String, Ring> rings = new HashMap<>();
  private final Map<String, Long> registered = new HashMap<>();

  private record Ring(String pbxId, long atMillis) {
  }

  void frame(String pbxId, long pbxTimeMicros, long receivedAtMicros) {
    received.computeIfAbsent(pbxId + "@" + pbxTimeMicros / 1000, k -> new TreeSet<>()).add(receivedAtMicros);
  }

  /** The first RINGING of a call counts: that is the one that registers it. */
  void ringing(String callId, String pbxId, long atMillis) {
    rings.putIfAbsent(callId, new Ring(pbxId, atMillis));
  }

  void registered(String callId, long completedAtMillis) {
    registered.merge(callId, completedAtMillis, Math::min);
  }

  /**
   * Latencies in ms of calls whose ring frame arrived at or after {@code fromMicros}. Several
   * concurrent calls of one PBX can share a PBX millisecond; the latest frame received before
   * the register is the ring's, so a coincidence never makes a latency longer.
   */
  List<Double> latenciesMillis(long fromMicros) {
    List<Double> out = new ArrayList<>();
    rings.forEach((callId, ring) -> {
      Long done = registered.get(callId);
      NavigableSet<Long> frames = received.get(ring.pbxId() + "@" + ring.atMillis());
      if (done == null || frames == null) {
        return;
      }
      Long arrived = frames.floor(done * 1000);
      if (arrived != null && arrived >= fromMicros) {
        out.add((done * 1000 - arrived) / 1000.0);
      }
    });
    return out;
  }

  /** Calls that rang but whose ring frame or register was not found (reported, never hidden). */
  int unmatched() {
    int n = 0;
    for (Map.Entry<String, Ring> e : rings.entrySet()) {
      if (!registered.containsKey(e.getKey())
          || !received.containsKey(e.getValue().pbxId() + "@" + e.getValue().atMillis())) {
        n++;
      }
    }
    return n;
  }
}
