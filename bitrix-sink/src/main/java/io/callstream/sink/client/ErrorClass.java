package io.callstream.sink.client;

/** What to do about a failed Bitrix24 request. */
public enum ErrorClass {
  /** Not executed (rate limit, operating limit, 5xx, no connection): back off and send again. */
  RETRY,
  /** The OAuth access token expired: refresh it and send again (the call was not executed). */
  REFRESH_TOKEN,
  /** Will never succeed as sent (auth, scope, method, validation): dead letter with the reason. */
  PERMANENT,
  /** Sent, but the answer was lost: it may have been applied; send again, relying on idempotency. */
  MAYBE_APPLIED,
  /** The error proves an earlier attempt already did the work (finish after a lost answer). */
  ALREADY_APPLIED
}
