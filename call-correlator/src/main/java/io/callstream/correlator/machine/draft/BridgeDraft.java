package io.callstream.correlator.machine.draft;

import io.callstream.correlator.state.Bridge;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The working copy of a {@link Bridge}: one bridge and its channels, in order of entry. */
public final class BridgeDraft {
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

  /** A working copy of {@code value}. */
  public static BridgeDraft of(Bridge value) {
    BridgeDraft d = new BridgeDraft();
    d.id = value.id();
    d.type = value.type();
    d.members.addAll(value.members());
    return d;
  }

  /** The immutable value of this draft. */
  public Bridge freeze() {
    return new Bridge(
        id,
        type,
        members);
  }
}
