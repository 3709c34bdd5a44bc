package io.callstream.deploy.tools;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.ami.AmiEvents;
import java.util.StringJoiner;

/** One readable line for a raw AMI event: its name and the few headers that tell the story. */
final class RawEventText {

  private static final String[] TOLD = {"Channel", "ChannelStateDesc", "DestChannel", "DialStatus",
      "Queue", "MemberName", "Cause", "Cause-txt", "Result", "Extension", "BridgeUniqueid",
      "Variable", "Value", "TransferTargetChannel"};

  private RawEventText() {
  }

  static String of(AmiEvent event) {
    StringJoiner line = new StringJoiner("  ");
    line.add(event.getEventName() != null ? event.getEventName() : event.getKind().name());
    for (String name : TOLD) {
      String value = AmiEvents.header(event, name);
      if (value != null && !value.isEmpty()) {
        line.add(name + "=" + value);
      }
    }
    String context = AmiEvents.header(event, "Context");
    String exten = AmiEvents.header(event, "Exten");
    if (context != null && !context.isEmpty()) {
      line.add("at " + context + "/" + exten);
    }
    if (event.getDetail() != null) {
      line.add(event.getDetail());
    }
    return line.toString();
  }
}
