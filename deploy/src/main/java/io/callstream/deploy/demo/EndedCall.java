package io.callstream.deploy.demo;

/** A call the correlator ended, as the demo remembers it for the final reconciliation. */
public record EndedCall(String callId, String direction, String disposition, String reason) {

  /** Calls with an outside party; internal calls are not sent to Bitrix24 by default. */
  public boolean external() {
    return "INBOUND".equals(direction) || "OUTBOUND".equals(direction);
  }
}
