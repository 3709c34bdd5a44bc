package io.callstream.producer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.AmiHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitingTableTest {

  private static List<AmiHeader> event(String... pairs) {
    List<AmiHeader> out = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.add(AmiHeader.newBuilder().setName(pairs[i]).setValue(pairs[i + 1]).build());
    }
    return out;
  }

  private static void apply(WaitingTable t, List<AmiHeader> e) {
    t.apply(e.get(0).getValue(), e);
  }

  @Test
  void shouldListTheCallersStillWaitingInEachQueue() {
    WaitingTable t = new WaitingTable();
    apply(t, event("Event", "QueueCallerJoin", "Channel", "PJSIP/trunk-1", "Uniqueid", "1.1",
        "Linkedid", "1.1", "CallerIDNum", "79161234567", "Queue", "400", "Position", "1"));
    apply(t, event("Event", "QueueCallerJoin", "Channel", "PJSIP/trunk-2", "Uniqueid", "1.2",
        "Linkedid", "1.2", "CallerIDNum", "79031234567", "Queue", "400", "Position", "2"));
    apply(t, event("Event", "QueueCallerAbandon", "Uniqueid", "1.1", "Queue", "400"));

    String answer = new String(t.queueStatus("a1"), StandardCharsets.UTF_8);

    assertThat(answer).contains("Event: QueueParams\r\nQueue: 400\r\nCalls: 1\r\n")
        .contains("Event: QueueEntry\r\nQueue: 400\r\nPosition: 1\r\nChannel: PJSIP/trunk-2\r\n")
        .doesNotContain("PJSIP/trunk-1")
        .endsWith("Event: QueueStatusComplete\r\nActionID: a1\r\nEventList: Complete\r\nListItems: 2\r\n\r\n");
  }

  @Test
  void shouldListParkedCallsUntilRetrievedOrHungUp() {
    WaitingTable t = new WaitingTable();
    apply(t, event("Event", "ParkedCall", "ParkeeChannel", "PJSIP/trunk-1", "ParkeeUniqueid", "1.1",
        "ParkingSpace", "701", "Parkinglot", "default", "ParkingTimeout", "60"));
    apply(t, event("Event", "ParkedCall", "ParkeeChannel", "PJSIP/trunk-2", "ParkeeUniqueid", "1.2",
        "ParkingSpace", "702", "Parkinglot", "default", "ParkingTimeout", "60"));
    assertThat(new String(t.parkedCalls(null), StandardCharsets.UTF_8)).contains("ListItems: 2");

    apply(t, event("Event", "UnParkedCall", "ParkeeUniqueid", "1.1", "ParkingSpace", "701"));
    apply(t, event("Event", "Hangup", "Channel", "PJSIP/trunk-2", "Uniqueid", "1.2"));

    assertThat(new String(t.parkedCalls(null), StandardCharsets.UTF_8))
        .doesNotContain("ParkingSpace").contains("ListItems: 0\r\nTotal: 0");
  }
}
