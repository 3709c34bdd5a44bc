package io.callstream.sink.client;

import java.util.Locale;
import java.util.Set;

/**
 * The one place that decides what a Bitrix24 failure means (contract §1.7, §6). Errors are
 * classified by HTTP status, {@code error} code and, because method-level errors come with an
 * empty code, by {@code error_description}.
 */
public final class BitrixErrorClassifier {

  public static final String FINISH = "telephony.externalcall.finish";
  public static final String ATTACH_RECORD = "telephony.externalcall.attachrecord";
  private static final String CALL_NOT_FOUND = "call is not found (call should be registered";
  private static final String NOT_FINISHED_YET = "call is not found in the statistic table";
  public static final String EVENT_BIND = "event.bind";
  private static final String ALREADY_BOUND = "handler already binded";

  /** Limits: the request was rejected before it ran. */
  private static final Set<String> THROTTLED = Set.of("QUERY_LIMIT_EXCEEDED", "OPERATION_TIME_LIMIT");
  /** Server trouble worth another try. */
  private static final Set<String> TRANSIENT = Set.of("INTERNAL_SERVER_ERROR",
      "ERROR_UNEXPECTED_ANSWER");
  /** Must not be retried automatically even though some come with 5xx (contract §1.7). */
  private static final Set<String> NEVER_RETRY = Set.of("OVERLOAD_LIMIT", "PORTAL_DELETED",
      "PAYMENT_REQUIRED");

  /**
   * @param method the Bitrix24 method (any case)
   * @param callIdFromOurRegister true when the CALL_ID sent came from our own register of this
   *     leg, so "Call is not found" on finish can only mean it is already finished
   */
  public ErrorClass classify(BitrixError error, String method, boolean callIdFromOurRegister) {
    switch (error.transport()) {
      case NOT_SENT:
        return ErrorClass.RETRY;
      case ANSWER_LOST:
      case NOT_JSON:
        return ErrorClass.MAYBE_APPLIED;
      default:
        break;
    }
    String code = error.code();
    String description = error.description().toLowerCase(Locale.ROOT);
    String m = method.toLowerCase(Locale.ROOT);
    if ("expired_token".equals(code)) {
      return ErrorClass.REFRESH_TOKEN;
    }
    if (THROTTLED.contains(code) || TRANSIENT.contains(code)) {
      return ErrorClass.RETRY;
    }
    if (NEVER_RETRY.contains(code)) {
      return ErrorClass.PERMANENT;
    }
    if (m.equals(FINISH) && description.startsWith(CALL_NOT_FOUND) && callIdFromOurRegister) {
      return ErrorClass.ALREADY_APPLIED;
    }
    if (m.equals(EVENT_BIND) && description.contains(ALREADY_BOUND)) {
      return ErrorClass.ALREADY_APPLIED;
    }
    if (m.equals(ATTACH_RECORD) && description.startsWith(NOT_FINISHED_YET)) {
      return ErrorClass.RETRY;
    }
    Integer status = error.httpStatus();
    if (status != null && (status >= 500 || status == 408)) {
      return ErrorClass.RETRY;
    }
    return ErrorClass.PERMANENT;
  }
}
