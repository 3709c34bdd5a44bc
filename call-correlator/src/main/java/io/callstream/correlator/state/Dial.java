package io.callstream.correlator.state;

/** One Dial() leg, keyed by the destination's Uniqueid. */
public record Dial(
    String destUniqueid,
    String callerUniqueid,
    String extension,
    String status,
    long beganAt,
    int order,
    boolean timedOut) {

  public Dial {

  }
}
