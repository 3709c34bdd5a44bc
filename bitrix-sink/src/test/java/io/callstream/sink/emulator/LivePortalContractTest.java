package io.callstream.sink.emulator;

/**
 * The same contract checks against a live Bitrix24 portal; they create and finish real test calls.
 * Run with {@code -Dbitrix.contract.webhook=https://<portal>/rest/<user>/<code>/
 * -Dbitrix.contract.user.id=<active user id>}; skipped without the webhook.
 */
class LivePortalContractTest extends BitrixContractTest {

  static final String WEBHOOK_PROPERTY = "bitrix.contract.webhook";
  static final String USER_PROPERTY = "bitrix.contract.user.id";

  @Override
  String webhookUrl() {
    String url = System.getProperty(WEBHOOK_PROPERTY, "");
    return url.isBlank() ? null : url;
  }

  @Override
  String skipReason() {
    return "Skipped: no live portal. Set -D" + WEBHOOK_PROPERTY
        + "=https://<portal>/rest/<user>/<code>/ and -D" + USER_PROPERTY
        + "=<active user id> to run the contract checks against it.";
  }

  @Override
  int userId() {
    return Integer.parseInt(System.getProperty(USER_PROPERTY, "1"));
  }
}
