package io.callstream.correlator.machine;

import io.callstream.correlator.machine.draft.BridgeDraft;

/** Looks up or creates the bridge an event is about. */
public final class Bridges {

  private Bridges() {
  }

  public static BridgeDraft of(Step step) {
    String id = step.message().get("bridgeuniqueid");
    if (id == null) {
      return null;
    }
    BridgeDraft bridge = step.state().bridges.computeIfAbsent(id, k -> {
      BridgeDraft b = new BridgeDraft();
      b.id = k;
      return b;
    });
    if (bridge.type == null) {
      bridge.type = step.message().get("bridgetype");
    }
    return bridge;
  }
}
