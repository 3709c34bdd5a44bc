package io.callstream.sink.config;

/** How a transferred call appears in Bitrix24. */
public enum TransferMode {
  /** One Bitrix24 call per conversation leg: every agent gets their own activity and duration. */
  PER_LEG,
  /** One Bitrix24 call for the whole conversation, finished with the last agent. */
  SINGLE_CALL
}
