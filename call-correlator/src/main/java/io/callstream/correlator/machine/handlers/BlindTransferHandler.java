package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.machine.ChannelGraph;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.Transfers;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.schemas.TransferKind;

/**
 * BlindTransfer (AMI action, SIP REFER, DTMF {@code ##}): the transferee keeps its channel and
 * dials the target extension itself; the transferer hangs up.
 */
public final class BlindTransferHandler implements EventHandler {

  @Override
  public void handle(Step step) {
    if (!"Success".equalsIgnoreCase(step.message().get("result"))) {
      return;
    }
    String transferer = step.message().get("transfereruniqueid");
    String transferee = step.message().get("transfereeuniqueid");
    CallDraft call = ChannelGraph.join(step, transferee, transferer);
    if (call == null) {
      return;
    }
    ChannelDraft from = step.channel(transferer);
    Transfers.record(step, call, from == null ? null : from.extension,
        step.message().get("extension"), TransferKind.BLIND);
  }
}
