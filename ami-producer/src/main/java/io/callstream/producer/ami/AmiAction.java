package io.callstream.producer.ami;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An action to send to the PBX: {@code Action: <name>}, headers in order, then an empty line.
 * Values are checked for CR/LF so nothing from outside (a click-to-call number, a filter) can
 * inject headers or a second action into the session.
 */
public final class AmiAction {

  private final String name;
  private final List<String[]> headers = new ArrayList<>();

  private AmiAction(String name) {
    this.name = checked("Action", name);
  }

  public static AmiAction of(String name) {
    return new AmiAction(name);
  }

  public AmiAction header(String headerName, String value) {
    headers.add(new String[] {checked("header name", headerName), checked(headerName, value)});
    return this;
  }

  public String name() {
    return name;
  }

  /** The wire bytes, with this ActionID as the second header. */
  byte[] toBytes(String actionId) {
    StringBuilder out = new StringBuilder(64 + headers.size() * 32);
    out.append("Action: ").append(name).append("\r\n");
    out.append("ActionID: ").append(actionId).append("\r\n");
    for (String[] h : headers) {
      out.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    return out.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  // The message names the header, never the value: values may be secrets (the MD5 key).
  private static String checked(String what, String value) {
    if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(what + " must be one line without CR/LF");
    }
    return value;
  }
}
