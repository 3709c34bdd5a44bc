package io.callstream.correlator;

/**
 * The correlator's MDC keys, the same names the ami-producer uses, so one log pattern shows the
 * context of every component.
 */
public final class LogKeys {

  /** The PBX whose record is being processed. */
  public static final String PBX_ID = "pbxId";
  /** The call a log line is about, when it is about one known call. */
  public static final String CALL_ID = "callId";

  private LogKeys() {
  }
}
