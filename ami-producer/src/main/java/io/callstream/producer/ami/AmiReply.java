package io.callstream.producer.ami;

import io.callstream.schemas.AmiHeader;
import io.callstream.schemas.ami.AmiFrame;
import java.util.List;

/**
 * What the PBX answered to one action: the response frame, and for list actions the list events
 * up to and including the {@code ...Complete} event.
 */
public record AmiReply(AmiFrame response, List<AmiFrame> items) {

  public AmiReply {
    items = List.copyOf(items);
  }

  public boolean isSuccess() {
    return "Success".equalsIgnoreCase(header(response, "Response"))
        || "Goodbye".equalsIgnoreCase(header(response, "Response"));
  }

  /** The first header of the response with this name (case-insensitive), or null. */
  public String header(String name) {
    return header(response, name);
  }

  public static String header(AmiFrame frame, String name) {
    for (AmiHeader h : frame.headers()) {
      if (h.getName().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }
}
