package io.callstream.producer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.AmiHeader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginateCallTest {

  private static Map<String, String> action(String channel, String exten) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("action", "Originate");
    a.put("channel", channel);
    a.put("context", "from-internal");
    a.put("exten", exten);
    a.put("async", "true");
    a.put("channelid", "1795492800.1234567890");
    a.put("otherchannelid", "1795492800.2234567890");
    a.put("variable", "__CALLSTREAM_CRM_CALL_ID=externalCall.9");
    return a;
  }

  private static List<String> names(List<List<AmiHeader>> events) {
    return events.stream().map(e -> e.get(0).getValue()).toList();
  }

  private static String header(List<AmiHeader> event, String name) {
    return event.stream().filter(h -> h.getName().equals(name)).map(AmiHeader::getValue).findFirst()
        .orElse(null);
  }

  @Test
  void shouldRingTheAgentThenDialTheNumberThroughTheOutboundRouteAndBridge() {
    List<List<AmiHeader>> events = new OriginateCall(action("PJSIP/101", "79161234567"), "cs-1",
        OriginateOutcome.ANSWERED, 1795492800).events();

    assertThat(names(events)).containsExactly("Newchannel", "VarSet", "Newstate", "Newstate",
        "OriginateResponse", "Newchannel", "VarSet", "DialBegin", "Newstate", "Newstate", "DialEnd",
        "BridgeCreate", "BridgeEnter", "BridgeEnter", "BridgeLeave", "BridgeLeave", "BridgeDestroy",
        "Hangup", "Hangup");
    assertThat(events).allSatisfy(e -> {
      // OriginateResponse names the channel's Uniqueid only, as Asterisk's does.
      if (header(e, "Uniqueid") != null && !"OriginateResponse".equals(e.get(0).getValue())) {
        assertThat(header(e, "Linkedid")).isEqualTo("1795492800.1234567890");
      }
    });
    assertThat(header(events.get(0), "Uniqueid")).isEqualTo("1795492800.1234567890");
    assertThat(events).filteredOn(e -> header(e, "Variable") != null)
        .extracting(e -> header(e, "Variable") + "=" + header(e, "Value"))
        .containsOnly("__CALLSTREAM_CRM_CALL_ID=externalCall.9");
    assertThat(header(events.get(4), "ActionID")).isEqualTo("cs-1");
    assertThat(header(events.get(4), "Response")).isEqualTo("Success");
    assertThat(header(events.get(7), "DestContext")).isEqualTo("macro-dialout-trunk");
    assertThat(header(events.get(7), "DialString")).isEqualTo("trunk/79161234567");
  }

  @Test
  void shouldEndEachOutcomeTheWayAsteriskReportsIt() {
    List<List<AmiHeader>> agentAway = new OriginateCall(action("PJSIP/101", "79161234567"), "cs-1",
        OriginateOutcome.FIRST_LEG_NO_ANSWER, 1).events();
    assertThat(names(agentAway)).containsExactly("Newchannel", "VarSet", "Newstate", "Hangup",
        "OriginateResponse");
    assertThat(header(agentAway.get(4), "Response")).isEqualTo("Failure");
    assertThat(header(agentAway.get(4), "Reason")).isEqualTo("3");

    List<List<AmiHeader>> busy = new OriginateCall(action("PJSIP/101", "79161234567"), "cs-1",
        OriginateOutcome.SECOND_LEG_BUSY, 1).events();
    assertThat(busy).filteredOn(e -> header(e, "DialStatus") != null)
        .extracting(e -> header(e, "DialStatus")).containsExactly("BUSY");
    assertThat(busy).filteredOn(e -> "Hangup".equals(e.get(0).getValue()))
        .extracting(e -> header(e, "Cause")).containsExactly("17", "17");
  }

  @Test
  void shouldCallTheCustomerFirstThroughALocalChannelForACallback() {
    List<List<AmiHeader>> events = new OriginateCall(
        action("Local/79161234567@from-internal", "400"), "cs-2", OriginateOutcome.ANSWERED, 1).events();

    assertThat(header(events.get(0), "Channel")).startsWith("Local/79161234567@from-internal-").endsWith(";1");
    assertThat(events).filteredOn(e -> "DialBegin".equals(e.get(0).getValue()))
        .extracting(e -> header(e, "DestContext")).containsExactly("macro-dialout-trunk", "macro-dial-one");
    assertThat(events).filteredOn(e -> "Hangup".equals(e.get(0).getValue())).hasSize(4);
    assertThat(events).filteredOn(e -> "Newchannel".equals(e.get(0).getValue()))
        .extracting(e -> header(e, "Uniqueid")).contains("1795492800.2234567890");
  }
}
