package io.callstream.schemas.logging;

/**
 * The MDC keys every component logs its context under; the distribution's log pattern prints them
 * as {@code [pbx=… portal=… call=…]}, so one name per key across producer, correlator and sink.
 */
public final class LogKeys {

  /** The PBX a line is about (a connection's thread, a record being processed, a call's PBX). */
  public static final String PBX_ID = "pbxId";
  /** The Bitrix24 portal; a sink dispatcher lane thread carries it for its whole life. */
  public static final String PORTAL = "portal";
  /** The call a line is about (for a CRM request, the request's command id). */
  public static final String CALL_ID = "callId";

  private LogKeys() {
  }
}
