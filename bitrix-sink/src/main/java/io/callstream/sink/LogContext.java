package io.callstream.sink;

import io.callstream.schemas.BitrixCommand;
import org.slf4j.MDC;

/**
 * The sink's MDC keys, and a scope for the log lines about one call: it sets the keys it is given
 * (a null value leaves its key as it is, e.g. a lane's {@link #PORTAL}) and {@link #restore()} puts
 * back what was there before, so scopes may nest and nothing outlives them. Used as
 * {@code LogContext c = LogContext.of(command); try { LOG... } finally { c.restore(); }}:
 * try-with-resources would draw javac's warning about a resource never referenced.
 */
public final class LogContext {

  /** The portal; a dispatcher lane thread carries it for its whole life. */
  public static final String PORTAL = "portal";
  /** The PBX of the call, as the ami-producer and correlator name it. */
  public static final String PBX_ID = "pbxId";
  /** The call (or, for a CRM request, the request's command id). */
  public static final String CALL_ID = "callId";

  private static final String[] KEYS = {PORTAL, PBX_ID, CALL_ID};

  private final String[] before = new String[KEYS.length];

  private LogContext(String... values) {
    for (int i = 0; i < KEYS.length; i++) {
      before[i] = MDC.get(KEYS[i]);
      if (values[i] != null) {
        MDC.put(KEYS[i], values[i]);
      }
    }
  }

  /** A scope for the lines about one call of a portal; any argument may be null (not known). */
  public static LogContext call(String portal, String pbxId, String callId) {
    return new LogContext(portal, pbxId, callId);
  }

  /** A scope for the lines about one command: its portal, PBX and call. */
  public static LogContext of(BitrixCommand command) {
    return call(command.getPortalId(), command.getPbxId(), command.getCallId());
  }

  /** Puts the keys back as they were before this scope. */
  public void restore() {
    for (int i = 0; i < KEYS.length; i++) {
      if (before[i] == null) {
        MDC.remove(KEYS[i]);
      } else {
        MDC.put(KEYS[i], before[i]);
      }
    }
  }
}
