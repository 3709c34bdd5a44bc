package io.callstream.correlator.machine.draft;

import io.callstream.correlator.state.Dial;

/**
 * The working copy of a {@link Dial}: one Dial() leg, keyed by the destination's Uniqueid
 * (DialEnd may repeat or lack the caller).
 */
public final class DialDraft {
  public String destUniqueid;
  public String callerUniqueid;
  /** The extension rung, when the destination is an extension. */
  public String extension;
  public String status;
  public long beganAt;
  /** Position in the call's ring order (a Local member leg inherits its queue dial's). */
  public int order;
  /** The queue gave up on this member (ring timeout); its CANCEL means no answer. */
  public boolean timedOut;

  /** A working copy of {@code value}. */
  public static DialDraft of(Dial value) {
    DialDraft d = new DialDraft();
    d.destUniqueid = value.destUniqueid();
    d.callerUniqueid = value.callerUniqueid();
    d.extension = value.extension();
    d.status = value.status();
    d.beganAt = value.beganAt();
    d.order = value.order();
    d.timedOut = value.timedOut();
    return d;
  }

  /** The immutable value of this draft. */
  public Dial freeze() {
    return new Dial(
        destUniqueid,
        callerUniqueid,
        extension,
        status,
        beganAt,
        order,
        timedOut);
  }
}
