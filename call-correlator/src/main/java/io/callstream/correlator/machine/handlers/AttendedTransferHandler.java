package io.callstream.correlator.machine.handlers;

import io.callstream.correlator.dialplan.ChannelNames;
import io.callstream.correlator.dialplan.PartyKind;
import io.callstream.correlator.machine.AnswerTracker;
import io.callstream.correlator.machine.ChannelGraph;
import io.callstream.correlator.machine.ChannelGraph.Party;
import io.callstream.correlator.machine.EventHandler;
import io.callstream.correlator.machine.Step;
import io.callstream.correlator.machine.Transfers;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.schemas.TransferKind;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * AttendedTransfer: every channel it names belongs to one call from now on (the consultation of a
 * SIP REFER/Replaces transfer was a separate call with its own Linkedid). The target may be a
 * Local half (AMI Atxfer, DTMF {@code *2}); then the extension behind it is the one transferred to.
 */
public final class AttendedTransferHandler implements EventHandler {

  private static final List<String> CHANNELS = List.of("transfereeuniqueid",
      "origtransfereruniqueid", "secondtransfereruniqueid", "transfertargetuniqueid",
      "localoneuniqueid", "localtwouniqueid");

  @Override
  public void handle(Step step) {
    if (!"Success".equalsIgnoreCase(step.message().get("result"))) {
      return;
    }
    List<String> known = CHANNELS.stream().map(step.message()::get)
        .filter(Objects::nonNull).filter(uid -> step.channel(uid) != null).toList();
    if (known.isEmpty()) {
      return;
    }
    CallDraft call = step.callOf(known.get(0));
    for (String uid : known) {
      call = ChannelGraph.join(step, known.get(0), uid);
    }
    ChannelDraft from = step.channel(step.message().get("origtransfereruniqueid"));
    Transfers.record(step, call, from == null ? null : from.extension, target(step),
        TransferKind.ATTENDED);
    AnswerTracker.update(step, call);
  }

  private static String target(Step step) {
    String targetUid = step.message().get("transfertargetuniqueid");
    ChannelDraft target = step.channel(targetUid);
    if (target == null) {
      String name = step.message().get("transfertargetchannel");
      return name != null && ChannelNames.isLocal(name) ? ChannelNames.localExten(name) : null;
    }
    if (target.kind == PartyKind.EXTENSION) {
      return target.extension;
    }
    if (target.kind == PartyKind.TRUNK) {
      CallDraft targetCall = step.callOf(targetUid);
      return targetCall != null && targetCall.externalNumber != null ? targetCall.externalNumber
          : target.callerNum;
    }
    Set<String> transferers = new HashSet<>();
    for (String key : List.of("origtransfereruniqueid", "secondtransfereruniqueid",
        "transfereeuniqueid")) {
      String uid = step.message().get(key);
      if (uid != null) {
        transferers.add(uid);
      }
    }
    for (Party party : ChannelGraph.reachable(step, targetUid, transferers)) {
      if (party.kind() == PartyKind.EXTENSION) {
        return party.extension();
      }
    }
    return ChannelNames.isLocal(target.name) ? ChannelNames.localExten(target.name) : null;
  }
}
