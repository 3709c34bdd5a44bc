package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.Bridges;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;

/** BridgeCreate: remember the bridge and its type (parking lots do not connect parties). */
public final class BridgeCreateHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    Bridges.of(step);
  }
}
