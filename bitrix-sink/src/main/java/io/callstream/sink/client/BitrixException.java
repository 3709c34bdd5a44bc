package io.callstream.sink.client;

/** A failure with an already redacted message. */
public final class BitrixException extends Exception {

  private final BitrixError error;

  public BitrixException(BitrixError error, String redactedMessage) {
    super(redactedMessage);
    this.error = error;
  }

  public BitrixError error() {
    return error;
  }
}
