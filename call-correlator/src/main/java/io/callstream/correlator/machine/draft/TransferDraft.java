package io.callstream.correlator.machine.draft;

import io.callstream.schemas.TransferKind;

import io.callstream.correlator.state.TransferFact;

/** The working copy of a {@link TransferFact}: a transfer as recorded on a call. */
public final class TransferDraft {
  public String from;
  public String to;
  public TransferKind kind;
  public long at;

  /** A working copy of {@code value}. */
  public static TransferDraft of(TransferFact value) {
    TransferDraft d = new TransferDraft();
    d.from = value.from();
    d.to = value.to();
    d.kind = value.kind();
    d.at = value.at();
    return d;
  }

  /** The immutable value of this draft. */
  public TransferFact freeze() {
    return new TransferFact(
        from,
        to,
        kind,
        at);
  }
}
