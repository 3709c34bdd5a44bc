package io.callstream.sink.mapping;

import io.callstream.schemas.Direction;
import io.callstream.schemas.Disposition;

/** Bitrix24 finish STATUS_CODE from how the call ended (contract §3.2). */
final class StatusCodes {

  static final String ANSWERED = "200";
  static final String MISSED = "304";
  static final String BUSY = "486";
  static final String DECLINED = "603";
  static final String CANCELLED = "603-S";
  static final String UNAVAILABLE = "503";
  static final String OTHER = "OTHER";

  private StatusCodes() {
  }

  /**
   * Inbound calls nobody took are always 304 whatever the reason, so Bitrix24's missed-call
   * automation sees them: a caller who gave up is exactly the lead that must not be lost.
   */
  static String forEnd(Direction direction, Disposition disposition, String reason,
      boolean answeredInLeg) {
    if (answeredInLeg) {
      return ANSWERED;
    }
    if ("declined".equalsIgnoreCase(reason)) {
      return DECLINED;
    }
    Disposition d = disposition == null ? Disposition.UNKNOWN : disposition;
    if (direction == Direction.OUTBOUND) {
      return outgoing(d);
    }
    return d == Disposition.BUSY ? BUSY : MISSED;
  }

  /** An internal call is the caller's outgoing call (TYPE 1): the outbound codes apply. */
  static String forInternal(Disposition disposition, String reason, boolean answered) {
    if (answered) {
      return ANSWERED;
    }
    if ("declined".equalsIgnoreCase(reason)) {
      return DECLINED;
    }
    return outgoing(disposition == null ? Disposition.UNKNOWN : disposition);
  }

  private static String outgoing(Disposition d) {
    return switch (d) {
      case ANSWERED -> ANSWERED;
      case NO_ANSWER -> MISSED;
      case BUSY -> BUSY;
      case FAILED -> UNAVAILABLE;
      case ABANDONED -> CANCELLED;
      case UNKNOWN -> OTHER;
    };
  }
}
