package io.callstream.correlator.state;

import io.callstream.correlator.dialplan.PartyKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One live channel, keyed by Uniqueid. */
public record Channel(
    String uniqueid,
    String name,
    String linkedid,
    String group,
    PartyKind kind,
    String extension,
    String context,
    String exten,
    String callerNum,
    long createdAt,
    String localPeer,
    List<String> bridges,
    boolean held,
    boolean up,
    boolean joinedLate,
    Map<String, String> vars) {

  public Channel {
    bridges = bridges == null ? List.of() : List.copyOf(bridges);
    vars = vars == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(vars));
  }
}
