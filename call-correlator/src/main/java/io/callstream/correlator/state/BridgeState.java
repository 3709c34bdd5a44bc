package io.callstream.correlator.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One bridge and the channels in it, in order of entry. */
public final class BridgeState {
  public String id;
  public String type;
  public List<String> members = new ArrayList<>();

  /**
   * Whether being in this bridge means talking to someone. Parking lots and holding bridges hold
   * unrelated callers together, so they neither answer nor join calls.
   */
  public boolean connectsParties() {
    if (type == null) {
      return true;
    }
    String t = type.toLowerCase(Locale.ROOT);
    return !(t.contains("parking") || t.contains("holding"));
  }

  public BridgeState copy() {
    BridgeState b = new BridgeState();
    b.id = id;
    b.type = type;
    b.members = new ArrayList<>(members);
    return b;
  }
}
