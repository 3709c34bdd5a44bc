package io.callstream.correlator.machine;

import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.DialDraft;
import io.callstream.schemas.Direction;
import io.callstream.schemas.Disposition;

/**
 * How a call ended, from bridging, queue events and DialEnd statuses: never from the hangup cause
 * (an unanswered caller still hangs up with cause 16, a cancelled one with 127).
 */
public final class OutcomeDecider {

  private OutcomeDecider() {
  }

  /** The disposition and a short reason (null when obvious). */
  public record Outcome(Disposition disposition, String reason) {
  }

  public static Outcome decide(CallDraft call) {
    if (call.answeredAt != null) {
      return new Outcome(Disposition.ANSWERED, null);
    }
    if (call.abandoned) {
      return new Outcome(Disposition.ABANDONED,
          "caller hung up while waiting in queue " + call.queue);
    }
    boolean noAnswer = false;
    boolean busy = false;
    boolean failed = false;
    for (DialDraft dial : call.dials.values()) {
      String status = dial.status == null ? "" : dial.status;
      switch (status) {
        case "NOANSWER", "CANCEL", "PICKUP" -> noAnswer = true;
        case "BUSY" -> busy = true;
        case "CHANUNAVAIL", "CONGESTION", "ABORT" -> failed = true;
        default -> {
          // ANSWER without a bridge, CONTINUE, GOTO or no DialEnd: says nothing about the outcome.
        }
      }
    }
    if (noAnswer) {
      return new Outcome(Disposition.NO_ANSWER, "nobody answered");
    }
    if (busy) {
      return new Outcome(Disposition.BUSY, "busy");
    }
    if (failed) {
      return new Outcome(Disposition.FAILED, "the destination could not be reached");
    }
    if (call.direction == Direction.OUTBOUND) {
      return new Outcome(Disposition.FAILED, "the dialled number was never reached");
    }
    return new Outcome(Disposition.NO_ANSWER, "never reached anyone");
  }
}
