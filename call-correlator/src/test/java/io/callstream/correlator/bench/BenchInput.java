package io.callstream.correlator.bench;

import io.callstream.correlator.Ami;
import io.callstream.correlator.Interleaving;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.ami.RecordedCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark traffic: id-rewritten copies of every recorded capture, spread over several PBXs and
 * interleaved per PBX (so calls overlap), markers left out. Deterministic for a given size.
 */
final class BenchInput {

  private BenchInput() {
  }

  /** {@code copies} rounds of all captures over {@code pbxs} PBXs, in one order per PBX. */
  static List<AmiEvent> captures(int copies, int pbxs) {
    List<List<List<AmiEvent>>> perPbx = new ArrayList<>();
    for (int p = 0; p < pbxs; p++) {
      perPbx.add(new ArrayList<>());
    }
    int n = 0;
    for (int copy = 0; copy < copies; copy++) {
      for (String scenario : RecordedCalls.SCENARIOS) {
        String pbxId = "bench-" + (n % pbxs);
        List<AmiEvent> session = new ArrayList<>();
        for (AmiEvent e : Interleaving.rewrite(Ami.session(scenario, "c1"), "b" + n)) {
          session.add(AmiEvent.newBuilder(e).setPbxId(pbxId).build());
        }
        perPbx.get(n % pbxs).add(session);
        n++;
      }
    }
    Random random = new Random(42);
    List<List<AmiEvent>> streams = new ArrayList<>();
    for (List<List<AmiEvent>> sessions : perPbx) {
      streams.add(Interleaving.merge(sessions, random));
    }
    // PBXs take turns, one event each, as independent producers would.
    List<AmiEvent> out = new ArrayList<>();
    int[] next = new int[streams.size()];
    boolean more = true;
    while (more) {
      more = false;
      for (int p = 0; p < streams.size(); p++) {
        if (next[p] < streams.get(p).size()) {
          out.add(streams.get(p).get(next[p]++));
          more = true;
        }
      }
    }
    return out;
  }
}
