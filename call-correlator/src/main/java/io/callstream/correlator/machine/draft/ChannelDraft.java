package io.callstream.correlator.machine.draft;

import io.callstream.correlator.dialplan.PartyKind;
import io.callstream.correlator.state.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The working copy of a {@link Channel}: one live channel, keyed by Uniqueid. */
public final class ChannelDraft {
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

  /** A working copy of {@code value}. */
  public static ChannelDraft of(Channel value) {
    ChannelDraft d = new ChannelDraft();
    d.uniqueid = value.uniqueid();
    d.name = value.name();
    d.linkedid = value.linkedid();
    d.group = value.group();
    d.kind = value.kind();
    d.extension = value.extension();
    d.context = value.context();
    d.exten = value.exten();
    d.callerNum = value.callerNum();
    d.createdAt = value.createdAt();
    d.localPeer = value.localPeer();
    d.bridges.addAll(value.bridges());
    d.held = value.held();
    d.up = value.up();
    d.joinedLate = value.joinedLate();
    d.vars.putAll(value.vars());
    return d;
  }

  /** The immutable value of this draft. */
  public Channel freeze() {
    return new Channel(
        uniqueid,
        name,
        linkedid,
        group,
        kind,
        extension,
        context,
        exten,
        callerNum,
        createdAt,
        localPeer,
        bridges,
        held,
        up,
        joinedLate,
        vars);
  }
}
