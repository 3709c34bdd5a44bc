package io.callstream.sink;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.logging.LogKeys;
import org.slf4j.MDC;

/**
 * A scope for the sink's log lines about one call: it sets the {@link LogKeys} it is given (a null
 * value leaves its key as it is, e.g. a lane's portal) and {@link #restore()} puts
 * back what was there before, so scopes may nest and nothing outlives them. Used as
 * {@code LogContext.of(command).run(() -> LOG...)}, or with {@link #restore()} in a finally block
 * around code that throws checked exceptions (try-with-resources would draw javac's warning about
 * a resource never referenced).
 */
public final class LogContext {

  private static final String[] KEYS = {LogKeys.PORTAL, LogKeys.PBX_ID, LogKeys.CALL_ID};

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

  /** Runs {@code logging} in this scope, then puts the keys back as they were. */
  public void run(Runnable logging) {
    try {
      logging.run();
    } finally {
      restore();
    }
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
