package io.callstream.correlator.machine;

import io.callstream.correlator.Ami;
import io.callstream.schemas.AmiEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-made AMI sequences in the shape of AMI-SEMANTICS §3, for scenarios without a capture. */
final class Script {

  private final List<AmiEvent> events = new ArrayList<>();
  private final Map<String, String> names = new HashMap<>();
  private final Map<String, String> linkedids = new HashMap<>();
  private final Map<String, String> contexts = new HashMap<>();

  List<AmiEvent> events() {
    return events;
  }

  private String[] snap(String uid, String... more) {
    return Ami.channel(names.get(uid), uid, linkedids.get(uid), contexts.get(uid), "s", "",
        more);
  }

  private String[] dest(String uid) {
    return new String[] {"DestChannel", names.get(uid), "DestUniqueid", uid, "DestLinkedid",
        linkedids.get(uid)};
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  Script newchannel(double t, String name, String uid, String linkedid, String context,
      String exten, String callerNum) {
    names.put(uid, name);
    linkedids.put(uid, linkedid);
    contexts.put(uid, context);
    events.add(Ami.event("Newchannel", t, Ami.channel(name, uid, linkedid, context, exten,
        callerNum)));
    return this;
  }

  /** Later events of this channel carry a new Linkedid (basic bridges rewrite it silently). */
  Script relink(String uid, String linkedid) {
    linkedids.put(uid, linkedid);
    return this;
  }

  /** Later events of this channel show it in another dialplan context. */
  Script relocate(String uid, String context) {
    contexts.put(uid, context);
    return this;
  }

  Script dialBegin(double t, String caller, String destUid, String dialString) {
    String[] h = caller == null ? dest(destUid) : concat(snap(caller), dest(destUid));
    events.add(Ami.event("DialBegin", t, concat(h, "DialString", dialString)));
    return this;
  }

  Script dialEnd(double t, String caller, String destUid, String status) {
    String[] h = caller == null ? dest(destUid) : concat(snap(caller), dest(destUid));
    events.add(Ami.event("DialEnd", t, concat(h, "DialStatus", status)));
    return this;
  }

  Script localBridge(double t, String one, String two) {
    events.add(Ami.event("LocalBridge", t, "LocalOneChannel", names.get(one), "LocalOneUniqueid",
        one, "LocalTwoChannel", names.get(two), "LocalTwoUniqueid", two,
        "LocalOptimization", "Yes"));
    return this;
  }

  Script bridgeEnter(double t, String bridge, String type, String uid, String... more) {
    events.add(Ami.event("BridgeEnter", t, concat(concat(new String[] {"BridgeUniqueid", bridge,
        "BridgeType", type}, snap(uid)), more)));
    return this;
  }

  Script bridgeLeave(double t, String bridge, String uid) {
    events.add(Ami.event("BridgeLeave", t, concat(new String[] {"BridgeUniqueid", bridge},
        snap(uid))));
    return this;
  }

  Script bridgeDestroy(double t, String bridge) {
    events.add(Ami.event("BridgeDestroy", t, "BridgeUniqueid", bridge));
    return this;
  }

  Script hangup(double t, String uid, String cause) {
    events.add(Ami.event("Hangup", t, snap(uid, "Cause", cause)));
    return this;
  }

  Script on(double t, String event, String uid, String... more) {
    events.add(Ami.event(event, t, concat(snap(uid), more)));
    return this;
  }

  Script raw(double t, String event, String... headers) {
    events.add(Ami.event(event, t, headers));
    return this;
  }

  /** An inbound call from the trunk (u0) answered by extension 101 (u1) in bridge b1. */
  static Script inboundAnsweredBy101() {
    return new Script()
        .newchannel(0, "PJSIP/trunk-00000001", "10.0", "10.0", "from-trunk", "74951234567",
            "79161234567")
        .newchannel(0.01, "PJSIP/101-00000002", "10.1", "10.0", "from-internal", "s", "101")
        .dialBegin(0.01, "10.0", "10.1", "101")
        .dialEnd(2.0, "10.0", "10.1", "ANSWER")
        .bridgeEnter(2.0, "b1", "basic", "10.1")
        .bridgeEnter(2.0, "b1", "basic", "10.0");
  }
}
