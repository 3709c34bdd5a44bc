package io.callstream.correlator.machine;

import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.correlator.machine.draft.DialDraft;
import io.callstream.schemas.CallEventType;
import java.util.Locale;

/** RING_ENDED for an extension's dial, with a reason people understand. */
public final class RingEnds {

  private RingEnds() {
  }

  public static void ended(Step step, CallDraft call, DialDraft dial) {
    if (dial.extension == null) {
      return;
    }
    LifecycleEmitter.emit(step, call, CallEventType.RING_ENDED, step.now(), dial.extension,
        reason(step, call, dial));
  }

  static String reason(Step step, CallDraft call, DialDraft dial) {
    String status = dial.status;
    if (dial.timedOut && !"ANSWER".equals(status)) {
      return "no-answer";
    }
    return switch (status) {
      case "ANSWER" -> "answered";
      case "CANCEL" -> answeredElsewhere(step, call, dial) ? "answered-elsewhere"
          : "caller-gave-up";
      case "NOANSWER" -> "no-answer";
      case "BUSY" -> "busy";
      case "PICKUP" -> "picked-up";
      case "HANGUP" -> "hung-up";
      case "CHANUNAVAIL" -> "unavailable";
      default -> status.toLowerCase(Locale.ROOT);
    };
  }

  /**
   * app_dial cancels the other destinations as soon as one answers, sometimes before that one's
   * own DialEnd: a destination already Up counts as the answer too.
   */
  private static boolean answeredElsewhere(Step step, CallDraft call, DialDraft cancelled) {
    for (DialDraft d : call.dials.values()) {
      if (d == cancelled) {
        continue;
      }
      ChannelDraft dest = step.channel(d.destUniqueid);
      if ("ANSWER".equals(d.status) || (dest != null && dest.up)) {
        return true;
      }
    }
    return false;
  }
}
