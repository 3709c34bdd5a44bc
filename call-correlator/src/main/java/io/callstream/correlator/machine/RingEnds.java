package io.callstream.correlator.machine;

import io.callstream.correlator.state.CallState;
import io.callstream.correlator.state.DialState;
import io.callstream.schemas.CallEventType;
import java.util.Locale;

/** RING_ENDED for an extension's dial, with a reason people understand. */
public final class RingEnds {

  private RingEnds() {
  }

  public static void ended(Step step, CallState call, DialState dial) {
    if (dial.extension == null) {
      return;
    }
    LifecycleEmitter.emit(step, call, CallEventType.RING_ENDED, step.now(), dial.extension,
        reason(call, dial.status));
  }

  static String reason(CallState call, String status) {
    return switch (status) {
      case "ANSWER" -> "answered";
      case "CANCEL" -> answeredElsewhere(call) ? "answered-elsewhere" : "caller-gave-up";
      case "NOANSWER" -> "no-answer";
      case "BUSY" -> "busy";
      case "PICKUP" -> "picked-up";
      case "HANGUP" -> "hung-up";
      case "CHANUNAVAIL" -> "unavailable";
      default -> status.toLowerCase(Locale.ROOT);
    };
  }

  private static boolean answeredElsewhere(CallState call) {
    return call.dials.values().stream().anyMatch(d -> "ANSWER".equals(d.status));
  }
}
