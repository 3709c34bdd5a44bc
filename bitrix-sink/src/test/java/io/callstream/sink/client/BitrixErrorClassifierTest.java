package io.callstream.sink.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.sink.client.BitrixError.Transport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BitrixErrorClassifierTest {

  private final BitrixErrorClassifier classifier = new BitrixErrorClassifier();

  @ParameterizedTest(name = "{0} {1} ''{2}'' on {3} -> {4}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "503 | QUERY_LIMIT_EXCEEDED  | Too many requests | telephony.externalcall.register | RETRY",
      "429 | OPERATION_TIME_LIMIT  | Method is blocked due to operation time limit. | user.get | RETRY",
      "500 | INTERNAL_SERVER_ERROR | Internal server error | telephony.externalcall.finish | RETRY",
      "502 | ''                    | '' | telephony.externalcall.show | RETRY",
      "401 | expired_token         | The access token provided has expired. | telephony.externalcall.register | REFRESH_TOKEN",
      "401 | INVALID_CREDENTIALS   | Invalid request credentials | telephony.externalcall.register | PERMANENT",
      "401 | insufficient_scope    | The request requires higher privileges than provided by the webhook token | user.get | PERMANENT",
      "401 | NO_AUTH_FOUND         | Wrong authorization data | batch | PERMANENT",
      "401 | OVERLOAD_LIMIT        | REST API is blocked due to overload. | batch | PERMANENT",
      "503 | OVERLOAD_LIMIT        | REST API is blocked due to overload. | batch | PERMANENT",
      "401 | PAYMENT_REQUIRED      | Subscription has been ended | batch | PERMANENT",
      "403 | WRONG_AUTH_TYPE       | Current authorization type is denied for this method | event.bind | PERMANENT",
      "404 | ERROR_METHOD_NOT_FOUND | Method not found! | telephony.externalcall.registr | PERMANENT",
      "400 | ''                    | USER_ID or USER_PHONE_INNER should be set | telephony.externalcall.register | PERMANENT",
      "400 | ''                    | Unknown TYPE | telephony.externalcall.register | PERMANENT",
      "400 | INVALID_ARGUMENT      | CALL_ID must be a string | telephony.externalcall.finish | PERMANENT",
      "400 | ''                    | Call is not found (call should be registered prior to finishing | telephony.externalcall.finish | ALREADY_APPLIED",
      "400 | ''                    | Call is not found in the statistic table. Looks like it is not finished yet. | telephony.externalCall.attachRecord | RETRY",
      "null | QUERY_LIMIT_EXCEEDED | Too many requests | telephony.externalcall.hide | RETRY",
      "null | ''                   | User is not found or is not active | telephony.externalcall.finish | PERMANENT",
  })
  void classifiesApiErrorsByStatusCodeAndDescription(Integer status, String code,
      String description, String method, ErrorClass expected) {
    assertThat(classifier.classify(BitrixError.api(status, code, description), method, true))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"NOT_SENT, RETRY", "ANSWER_LOST, MAYBE_APPLIED", "NOT_JSON, MAYBE_APPLIED"})
  void classifiesTransportFailures(Transport transport, ErrorClass expected) {
    assertThat(classifier.classify(BitrixError.transport(transport, null, "x"),
        "telephony.externalcall.finish", true)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void callNotFoundIsOnlyDoneWhenTheCallIdCameFromOurOwnRegister() {
    BitrixError notFound = BitrixError.api(400, "",
        "Call is not found (call should be registered prior to finishing");
    assertThat(classifier.classify(notFound, "telephony.externalcall.finish", false))
        .isEqualTo(ErrorClass.PERMANENT);
  }
}
