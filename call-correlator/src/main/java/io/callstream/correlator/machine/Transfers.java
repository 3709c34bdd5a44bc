package io.callstream.correlator.machine;

import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.TransferDraft;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.TransferKind;

/** Records a transfer on the call and emits TRANSFERRED. */
public final class Transfers {

  private Transfers() {
  }

  public static void record(Step step, CallDraft call, String from, String to, TransferKind kind) {
    TransferDraft t = new TransferDraft();
    t.from = from;
    t.to = to;
    t.kind = kind;
    t.at = step.now();
    call.transfers.add(t);
    LifecycleEmitter.emit(step, call, CallEventType.TRANSFERRED, t.at,
        b -> b.setExtension(to).setTransfer(LifecycleEmitter.transfer(t)));
  }
}
