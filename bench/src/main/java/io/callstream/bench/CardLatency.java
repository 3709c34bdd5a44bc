package io.callstream.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Joins what the three components recorded into one latency per call: the ring event's frame
 * (found by its PBX and PBX time, which the lifecycle's RINGING step carries) arriving at the
 * producer, to the sink's register request for that call completing at the emulator. When the
 * broker's append times of the records in between are known (topics with
 * {@code message.timestamp.type=LogAppendTime}), the latency is also split into its hops.
 */
final class CardLatency {

  /** Frames by PBX and PBX time in ms: receive time (µs) → broker append time (ms, or null). */
  private final Map<String, NavigableMap<Long, Long>> received = new HashMap<>();
  private final Map<String, Ring> rings = new HashMap<>();
  private final Map<String, Long> commanded = new HashMap<>();
  private final Map<String, Long> registered = new HashMap<>();

  private record Ring(String pbxId, long atMillis, Long appendedMillis) {
  }

  /**
   * One call's latency and its hops in ms; a hop is NaN when an append time is unknown.
   *
   * @param producer ring frame read from the AMI socket → raw record appended
   * @param correlator raw record appended → RINGING lifecycle record appended
   * @param planner RINGING appended → REGISTER command appended (under exactly-once it holds the
   *     correlator's wait for its transaction commit, since a record is appended before it commits)
   * @param dispatcher REGISTER command appended → register answered by Bitrix24 (under
   *     exactly-once it holds the planner's wait for its commit)
   */
  record Hops(double total, double producer, double correlator, double planner, double dispatcher) {
  }

  void frame(String pbxId, long pbxTimeMicros, long receivedAtMicros) {
    frame(pbxId, pbxTimeMicros, receivedAtMicros, null);
  }

  void frame(String pbxId, long pbxTimeMicros, long receivedAtMicros, Long appendedMillis) {
    received.computeIfAbsent(pbxId + "@" + pbxTimeMicros / 1000, k -> new TreeMap<>())
        .put(receivedAtMicros, appendedMillis);
  }

  /** The first RINGING of a call counts: that is the one that registers it. */
  void ringing(String callId, String pbxId, long atMillis) {
    ringing(callId, pbxId, atMillis, null);
  }

  void ringing(String callId, String pbxId, long atMillis, Long appendedMillis) {
    rings.putIfAbsent(callId, new Ring(pbxId, atMillis, appendedMillis));
  }

  /** The sink planned a register for the call; the earliest counts. */
  void commanded(String callId, long appendedMillis) {
    commanded.merge(callId, appendedMillis, Math::min);
  }

  void registered(String callId, long completedAtMillis) {
    registered.merge(callId, completedAtMillis, Math::min);
  }

  /** Latencies in ms of calls whose ring frame arrived at or after {@code fromMicros}. */
  List<Double> latenciesMillis(long fromMicros) {
    return hops(fromMicros).stream().map(Hops::total).toList();
  }

  /**
   * Latencies and hops of calls whose ring frame arrived at or after {@code fromMicros}. Several
   * concurrent calls of one PBX can share a PBX millisecond; the latest frame received before
   * the register is the ring's, so a coincidence never makes a latency longer.
   */
  List<Hops> hops(long fromMicros) {
    List<Hops> out = new ArrayList<>();
    rings.forEach((callId, ring) -> {
      Long done = registered.get(callId);
      NavigableMap<Long, Long> frames = received.get(ring.pbxId() + "@" + ring.atMillis());
      if (done == null || frames == null) {
        return;
      }
      Map.Entry<Long, Long> frame = frames.floorEntry(done * 1000);
      if (frame == null || frame.getKey() < fromMicros) {
        return;
      }
      double arrived = frame.getKey() / 1000.0;
      Long raw = frame.getValue();
      Long ring0 = ring.appendedMillis();
      Long command = commanded.get(callId);
      out.add(new Hops(done - arrived, between(arrived, raw), between(raw, ring0), between(ring0, command),
          between(command, (double) done)));
    });
    return out;
  }

  private static double between(Number from, Number to) {
    return from == null || to == null ? Double.NaN : to.doubleValue() - from.doubleValue();
  }

  /**
   * Calls that rang and were to be registered but whose ring frame or register was not found
   * (reported, never hidden). Calls the sink never registers (internal ones) do not count.
   */
  int unmatched() {
    int n = 0;
    for (Map.Entry<String, Ring> e : rings.entrySet()) {
      if (!commanded.containsKey(e.getKey()) && !registered.containsKey(e.getKey())) {
        continue;
      }
      if (!registered.containsKey(e.getKey())
          || !received.containsKey(e.getValue().pbxId() + "@" + e.getValue().atMillis())) {
        n++;
      }
    }
    return n;
  }
}
