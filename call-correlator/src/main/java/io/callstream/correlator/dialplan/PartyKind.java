package io.callstream.correlator.dialplan;

/** What a channel is from the company's point of view. */
public enum PartyKind {
  /** Faces the outside world (carrier, SIP trunk). */
  TRUNK,
  /** A company phone. */
  EXTENSION,
  /** One half of a Local channel pair: dialplan plumbing, never a party. */
  LOCAL,
  /** Anything else (conference, helper channels). */
  OTHER
}
