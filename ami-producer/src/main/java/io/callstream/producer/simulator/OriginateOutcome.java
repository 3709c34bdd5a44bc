package io.callstream.producer.simulator;

/**
 * How a simulated Originate ends. The first leg is the originated channel (the agent's phone for
 * click-to-call, the customer for a callback), the second the dial to {@code Exten}.
 */
public enum OriginateOutcome {
  /** Both legs answer, talk briefly, both hang up (cause 16). */
  ANSWERED,
  /** The first leg rings until the Originate's timeout: OriginateResponse Failure, Reason 3. */
  FIRST_LEG_NO_ANSWER,
  /** The second leg rings and is not answered: DialEnd NOANSWER, cause 19. */
  SECOND_LEG_NO_ANSWER,
  /** The second leg is busy: DialEnd BUSY, cause 17. */
  SECOND_LEG_BUSY
}
