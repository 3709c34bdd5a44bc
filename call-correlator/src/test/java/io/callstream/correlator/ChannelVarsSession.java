package io.callstream.correlator;

import io.callstream.correlator.ami.NoiseFilter;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.AmiHeader;
import io.callstream.schemas.ami.AmiEvents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session of a producer that logs in with {@code events=call,agent,user,cdr,system} (no
 * {@code dialplan} class, AMI-SEMANTICS §0.9 and §1.7, ami-producer README "Volume options") on a
 * PBX with {@code channelvars=} set in manager.conf: no {@code Newexten} and no {@code VarSet}
 * reach it, and neither does any event of another class (security, dtmf, reporting); instead
 * every channel event carries {@code ChanVariable: NAME=value} for each configured variable
 * (inherited {@code __NAME} matches by bare name), and a {@code Dest} snapshot
 * {@code DestChanVariable:}. A variable's value is the one the last {@code VarSet} gave it before
 * the event; Asterisk takes it when it builds the channel snapshot, which FreePBX's dialplan does
 * at every priority, so at most one priority apart.
 */
final class ChannelVarsSession {

  private static final Set<String> CLASSES = Set.of("call", "agent", "user", "cdr", "system");

  private ChannelVarsSession() {
  }

  static List<AmiEvent> of(List<AmiEvent> events, List<String> channelvars) {
    Map<String, Map<String, String>> values = new HashMap<>();
    List<AmiEvent> out = new ArrayList<>();
    for (AmiEvent e : events) {
      if (e.getKind() != AmiFrameKind.EVENT) {
        out.add(e);
        continue;
      }
      if ("VarSet".equalsIgnoreCase(e.getEventName())) {
        String variable = AmiEvents.header(e, "Variable");
        String uniqueid = AmiEvents.header(e, "Uniqueid");
        if (variable != null && uniqueid != null) {
          String value = AmiEvents.header(e, "Value");
          values.computeIfAbsent(uniqueid, u -> new HashMap<>())
              .put(NoiseFilter.bareName(variable), value == null ? "" : value);
        }
      }
      if (sent(e)) {
        out.add(AmiEvent.newBuilder(e).setRawFrame(null)
            .setHeaders(withVariables(e.getHeaders(), values, channelvars)).build());
      }
    }
    return out;
  }

  private static boolean sent(AmiEvent e) {
    String privilege = AmiEvents.header(e, "Privilege");
    return privilege == null
        || Arrays.stream(privilege.split(",")).map(String::trim).anyMatch(CLASSES::contains);
  }

  private static List<AmiHeader> withVariables(List<AmiHeader> headers,
      Map<String, Map<String, String>> values, List<String> channelvars) {
    List<AmiHeader> out = new ArrayList<>(headers);
    for (String prefix : List.of("", "Dest")) {
      String uniqueid = headers.stream().filter(h -> h.getName().equals(prefix + "Uniqueid"))
          .map(AmiHeader::getValue).findFirst().orElse(null);
      boolean snapshot = headers.stream().anyMatch(h -> h.getName().equals(prefix + "Channel"));
      if (uniqueid == null || !snapshot) {
        continue;
      }
      Map<String, String> known = values.getOrDefault(uniqueid, Map.of());
      for (String name : channelvars) {
        out.add(new AmiHeader(prefix + "ChanVariable", name + "=" + known.getOrDefault(name, "")));
      }
    }
    return out;
  }
}
