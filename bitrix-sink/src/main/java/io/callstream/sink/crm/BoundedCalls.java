package io.callstream.sink.crm;

import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.client.ErrorClass;
import io.callstream.sink.dispatch.Backoff;
import java.util.Map;

/**
 * A Bitrix24 request repeated a bounded number of times while the classifier says another try
 * can help: {@link ErrorClass#RETRY} always, {@link ErrorClass#MAYBE_APPLIED} only for requests
 * that are safe to repeat (reads, clearing the offline queue, a register de-duplicated by its
 * EXTERNAL_CALL_ID).
 */
final class BoundedCalls {

  /** Waits between attempts; tests pass one that does not sleep. */
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final int maxAttempts;
  private final Backoff backoff;
  private final Sleeper sleeper;

  BoundedCalls(int maxAttempts, Backoff backoff, Sleeper sleeper) {
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  BitrixReply call(BitrixClient client, String method, Map<String, ?> params, boolean repeatable)
      throws InterruptedException {
    BitrixReply reply = client.call(method, params, false);
    for (int attempt = 1; attempt < maxAttempts && again(reply, repeatable); attempt++) {
      sleeper.sleep(backoff.delayMillis(attempt));
      reply = client.call(method, params, false);
    }
    return reply;
  }

  private static boolean again(BitrixReply reply, boolean repeatable) {
    return reply instanceof BitrixReply.Failure f && (f.errorClass() == ErrorClass.RETRY
        || repeatable && f.errorClass() == ErrorClass.MAYBE_APPLIED);
  }
}
