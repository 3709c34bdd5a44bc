package io.callstream.correlator.state;

import java.util.List;

/** One bridge and the channels in it, in order of entry. */
public record Bridge(
    String id,
    String type,
    List<String> members) {

  public Bridge {
    members = members == null ? List.of() : List.copyOf(members);
  }
}
