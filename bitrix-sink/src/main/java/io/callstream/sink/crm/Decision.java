package io.callstream.sink.crm;

import io.callstream.schemas.PbxCommand;

/** What becomes of one request. */
sealed interface Decision {

  /** Publish this command to {@code pbx.commands}. */
  record Publish(PbxCommand command) implements Decision {
  }

  /** Can never become a command: dead-letter it with this reason (no secret in it). */
  record Reject(String reason) implements Decision {
  }

  /** Bitrix24 could not be asked now (retries exhausted): keep the request and try again later. */
  record Later(String reason) implements Decision {
  }
}
