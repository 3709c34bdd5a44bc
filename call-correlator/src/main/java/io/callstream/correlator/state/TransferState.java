package io.callstream.correlator.state;

import io.callstream.schemas.TransferKind;

/** A transfer as recorded on the call. */
public final class TransferState {
  public String from;
  public String to;
  public TransferKind kind;
  public long at;

  public TransferState copy() {
    TransferState t = new TransferState();
    t.from = from;
    t.to = to;
    t.kind = kind;
    t.at = at;
    return t;
  }
}
