package io.callstream.correlator.state;

import io.callstream.schemas.TransferKind;

/** A transfer as recorded on a call. */
public record TransferFact(
    String from,
    String to,
    TransferKind kind,
    long at) {

  public TransferFact {

  }
}
