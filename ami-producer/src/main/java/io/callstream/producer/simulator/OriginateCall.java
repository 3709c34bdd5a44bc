package io.callstream.producer.simulator;

import io.callstream.schemas.AmiHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The events an asynchronous Originate causes on a FreePBX, in AMI-SEMANTICS §3 shapes: the
 * first leg (the {@code Channel}; a {@code Local/x@ctx} channel as its ;1/;2 pair whose ;2 dials
 * x) rings and answers, the OriginateResponse, then the dial of {@code Exten} from
 * {@code Context} (outbound route {@code macro-dialout-trunk} for outside numbers,
 * {@code macro-dial-one} for extensions), its DialEnd, bridge, and hangups. Every channel carries
 * the Originate's inherited variables as VarSet. Values from the action are used exactly as
 * received, and the given ChannelId/OtherChannelId become the Uniqueids.
 */
final class OriginateCall {

  /** Simulated time between steps; small so tests run fast, non-zero so ordering is visible. */
  static final long STEP_MILLIS = 20;
  private static final AtomicInteger CHANNEL_COUNTER = new AtomicInteger(0x7000);

  private final Map<String, String> action;
  private final String actionId;
  private final OriginateOutcome outcome;
  private final List<List<AmiHeader>> frames = new ArrayList<>();
  private final String linkedid;
  private final List<String[]> variables = new ArrayList<>();
  // A Local first leg leaves its ;2 half and the far channel bridged; they end with the call.
  private final List<Leg> companions = new ArrayList<>();
  private String companionBridge;
  private int uniqueCounter;

  OriginateCall(Map<String, String> action, String actionId, OriginateOutcome outcome, long epochSeconds) {
    this.action = action;
    this.actionId = actionId;
    this.outcome = outcome;
    this.linkedid = action.getOrDefault("channelid", epochSeconds + ".9" + CHANNEL_COUNTER.incrementAndGet());
    String variable = action.get("variable");
    if (variable != null) {
      for (String assignment : variable.split(",")) {
        int eq = assignment.indexOf('=');
        if (eq > 0) {
          variables.add(new String[] {assignment.substring(0, eq), assignment.substring(eq + 1)});
        }
      }
    }
  }

  /** The whole call, one frame per event; header lists in Asterisk's order. */
  List<List<AmiHeader>> events() {
    String channel = action.getOrDefault("channel", "");
    String context = action.getOrDefault("context", "");
    String exten = action.getOrDefault("exten", "");
    Leg first = firstLeg(channel);
    if (outcome == OriginateOutcome.FIRST_LEG_NO_ANSWER) {
      first.hangup(19, this);
      originateResponse("Failure", "3", first);
      return frames;
    }
    first.state(6, "Up", this);
    originateResponse("Success", "4", first);
    boolean outside = exten.length() > 6 || exten.startsWith("+");
    String dialContext = outside ? "macro-dialout-trunk" : "macro-dial-one";
    Leg second = newChannel(outside ? "PJSIP/trunk" : "PJSIP/" + exten, "from-internal", exten);
    dial(first, second, dialContext, (outside ? "trunk/" : "") + exten);
    return frames;
  }

  private Leg firstLeg(String channel) {
    if (!channel.startsWith("Local/")) {
      Leg leg = newChannel(channel, action.getOrDefault("context", ""), action.getOrDefault("exten", ""));
      leg.state(5, "Ringing", this);
      return leg;
    }
    String resource = channel.substring("Local/".length());
    int at = resource.indexOf('@');
    String target = at < 0 ? resource : resource.substring(0, at);
    String ctx = at < 0 ? "default" : resource.substring(at + 1);
    String base = "Local/" + resource + "-" + String.format("%08x", CHANNEL_COUNTER.incrementAndGet());
    Leg one = channel(base + ";1", linkedid, action.getOrDefault("context", ""), action.getOrDefault("exten", ""));
    Leg two = channel(base + ";2", action.getOrDefault("otherchannelid", linkedid + ";2"), ctx, target);
    boolean outside = target.length() > 6 || target.startsWith("+");
    Leg far = newChannel(outside ? "PJSIP/trunk" : "PJSIP/" + target, "from-internal", target);
    event(two, "DialBegin", dialHeaders(two, far, outside ? "macro-dialout-trunk" : "macro-dial-one",
        (outside ? "trunk/" : "") + target, null));
    far.state(5, "Ringing", this);
    if (outcome == OriginateOutcome.FIRST_LEG_NO_ANSWER) {
      event(two, "DialEnd", dialHeaders(two, far, "macro-dialout-trunk", null, "NOANSWER"));
      far.hangup(19, this);
      two.hangup(19, this);
      return one;
    }
    far.state(6, "Up", this);
    event(two, "DialEnd", dialHeaders(two, far, "macro-dialout-trunk", null, "ANSWER"));
    two.state(6, "Up", this);
    companionBridge = bridge(List.of(far, two));
    companions.add(far);
    companions.add(two);
    return one;
  }

  private void dial(Leg from, Leg to, String context, String dialString) {
    event(from, "DialBegin", dialHeaders(from, to, context, dialString, null));
    to.state(5, "Ringing", this);
    if (outcome == OriginateOutcome.ANSWERED) {
      to.state(6, "Up", this);
      event(from, "DialEnd", dialHeaders(from, to, context, null, "ANSWER"));
      String bridge = bridge(List.of(to, from));
      unbridge(bridge, List.of(to, from));
      to.hangup(16, this);
      from.hangup(16, this);
      endCompanions(16);
    } else {
      int cause = outcome == OriginateOutcome.SECOND_LEG_BUSY ? 17 : 19;
      event(from, "DialEnd", dialHeaders(from, to, context, null, cause == 17 ? "BUSY" : "NOANSWER"));
      to.hangup(cause, this);
      from.hangup(cause, this);
      endCompanions(cause);
    }
  }

  private void endCompanions(int cause) {
    if (companionBridge != null) {
      unbridge(companionBridge, companions);
    }
    for (Leg leg : companions) {
      leg.hangup(cause, this);
    }
  }

  private void unbridge(String bridge, List<Leg> legs) {
    for (Leg leg : legs) {
      frames.add(with(leg.snapshot("BridgeLeave"), "BridgeUniqueid", bridge));
    }
    frames.add(headers("Event", "BridgeDestroy", "Privilege", "call,all", "BridgeUniqueid", bridge,
        "BridgeType", "basic", "BridgeNumChannels", "0"));
  }

  private String bridge(List<Leg> legs) {
    String bridge = "sim-bridge-" + linkedid + "-" + (++uniqueCounter);
    frames.add(headers("Event", "BridgeCreate", "Privilege", "call,all", "BridgeUniqueid", bridge,
        "BridgeType", "basic", "BridgeTechnology", "simple_bridge", "BridgeNumChannels", "0"));
    int n = 0;
    for (Leg leg : legs) {
      frames.add(with(leg.snapshot("BridgeEnter"), "BridgeUniqueid", bridge, "BridgeNumChannels",
          Integer.toString(++n)));
    }
    return bridge;
  }

  private void originateResponse(String response, String reason, Leg first) {
    List<AmiHeader> h = headers("Event", "OriginateResponse", "Privilege", "call,all");
    if (actionId != null) {
      h.add(header("ActionID", actionId));
    }
    h.addAll(headers("Response", response, "Channel", action.getOrDefault("channel", ""),
        "Context", action.getOrDefault("context", ""), "Exten", action.getOrDefault("exten", ""),
        "Application", "", "Data", "", "Reason", reason,
        "Uniqueid", "Success".equals(response) ? first.uniqueid : "<null>",
        "CallerIDNum", "<unknown>", "CallerIDName", "<unknown>"));
    frames.add(h);
  }

  private Leg newChannel(String prefix, String context, String exten) {
    String name = prefix + "-" + String.format("%08x", CHANNEL_COUNTER.incrementAndGet());
    // The first channel is the originated one (Uniqueid = ChannelId); later ones extend it with
    // one more digit, so they stay numeric and recognisably part of this call.
    String uniqueid = frames.isEmpty() ? linkedid : linkedid + (++uniqueCounter);
    return channel(name, uniqueid, context, exten);
  }

  private Leg channel(String name, String uniqueid, String context, String exten) {
    Leg leg = new Leg(name, uniqueid, context, exten);
    frames.add(leg.snapshot("Newchannel"));
    for (String[] v : variables) {
      // Inherited (__) variables are set on every channel of the call under their full name.
      frames.add(with(leg.snapshot("VarSet"), "Variable", v[0], "Value", v[1]));
    }
    return leg;
  }

  private void event(Leg leg, String name, List<AmiHeader> rest) {
    List<AmiHeader> h = leg.snapshot(name);
    h.addAll(rest);
    frames.add(h);
  }

  private List<AmiHeader> dialHeaders(Leg from, Leg to, String context, String dialString,
      String status) {
    List<AmiHeader> h = new ArrayList<>();
    for (AmiHeader x : to.snapshot("Dest")) {
      if (!x.getName().equals("Event") && !x.getName().equals("Privilege")) {
        h.add(header("Dest" + x.getName(), x.getValue()));
      }
    }
    h.removeIf(x -> x.getName().equals("DestContext"));
    h.add(header("DestContext", context));
    if (dialString != null) {
      h.add(header("DialString", dialString));
    }
    if (status != null) {
      h.add(header("DialStatus", status));
    }
    return h;
  }

  /** One channel of the call and its latest snapshot. */
  private final class Leg {
    final String name;
    final String uniqueid;
    final String context;
    final String exten;
    int state;
    String stateDesc = "Down";

    Leg(String name, String uniqueid, String context, String exten) {
      this.name = name;
      this.uniqueid = uniqueid;
      this.context = context;
      this.exten = exten;
    }

    List<AmiHeader> snapshot(String event) {
      return headers("Event", event, "Privilege", "call,all", "Channel", name,
          "ChannelState", Integer.toString(state), "ChannelStateDesc", stateDesc,
          "CallerIDNum", "<unknown>", "CallerIDName", "<unknown>", "ConnectedLineNum", "<unknown>",
          "ConnectedLineName", "<unknown>", "Language", "en", "AccountCode", "",
          "Context", context, "Exten", exten, "Priority", "1", "Uniqueid", uniqueid,
          "Linkedid", linkedid);
    }

    void state(int newState, String desc, OriginateCall call) {
      state = newState;
      stateDesc = desc;
      call.frames.add(snapshot("Newstate"));
    }

    void hangup(int cause, OriginateCall call) {
      call.frames.add(with(snapshot("Hangup"), "Cause", Integer.toString(cause), "Cause-txt",
          cause == 16 ? "Normal Clearing" : cause == 17 ? "User busy" : "No user responding"));
    }
  }

  /** The event as sent: a Timestamp header after Privilege, as Asterisk adds it (timestampevents). */
  static List<AmiHeader> stamped(List<AmiHeader> headers, long timestampMicros) {
    List<AmiHeader> out = new ArrayList<>();
    for (AmiHeader h : headers) {
      out.add(h);
      if (h.getName().equals("Privilege")) {
        out.add(header("Timestamp", LoopRewriter.formatMicros(timestampMicros)));
      }
    }
    return out;
  }

  static byte[] bytes(List<AmiHeader> headers) {
    StringBuilder sb = new StringBuilder();
    for (AmiHeader h : headers) {
      sb.append(h.getName()).append(": ").append(h.getValue()).append("\r\n");
    }
    return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<AmiHeader> with(List<AmiHeader> base, String... pairs) {
    base.addAll(headers(pairs));
    return base;
  }

  private static List<AmiHeader> headers(String... pairs) {
    List<AmiHeader> out = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.add(header(pairs[i], pairs[i + 1]));
    }
    return out;
  }

  private static AmiHeader header(String name, String value) {
    return AmiHeader.newBuilder().setName(name).setValue(value).build();
  }
}
