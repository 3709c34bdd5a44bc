package io.callstream.correlator.state;

/** One Dial() leg, keyed by the destination's Uniqueid (DialEnd may repeat or lack the caller). */
public final class DialState {
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

  public DialState copy() {
    DialState d = new DialState();
    d.destUniqueid = destUniqueid;
    d.callerUniqueid = callerUniqueid;
    d.extension = extension;
    d.status = status;
    d.beganAt = beganAt;
    d.order = order;
    d.timedOut = timedOut;
    return d;
  }
}
