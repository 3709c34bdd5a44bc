package io.callstream.correlator.state;

import io.callstream.correlator.dialplan.PartyKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One live channel, keyed by Uniqueid. */
public final class ChannelState {
  public String uniqueid;
  public String name;
  public String linkedid;
  /** Key of the call group the channel belongs to. */
  public String group;
  public PartyKind kind;
  public String extension;
  public String context;
  public String exten;
  public String callerNum;
  public long createdAt;
  /** Uniqueid of the other half when this is a Local channel. */
  public String localPeer;
  public List<String> bridges = new ArrayList<>();
  public boolean held;
  /** The channel's last known state was Up (answered). */
  public boolean up;
  public boolean joinedLate;
  /** The variables the model reads (bare names). */
  public Map<String, String> vars = new LinkedHashMap<>();

  public ChannelState copy() {
    ChannelState c = new ChannelState();
    c.uniqueid = uniqueid;
    c.name = name;
    c.linkedid = linkedid;
    c.group = group;
    c.kind = kind;
    c.extension = extension;
    c.context = context;
    c.exten = exten;
    c.callerNum = callerNum;
    c.createdAt = createdAt;
    c.localPeer = localPeer;
    c.bridges = new ArrayList<>(bridges);
    c.held = held;
    c.up = up;
    c.joinedLate = joinedLate;
    c.vars = new LinkedHashMap<>(vars);
    return c;
  }
}
