package io.callstream.correlator.machine;

import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.TransferDraft;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.Transfer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Turns call facts into lifecycle records with a per-call sequence, and into the summary. */
public final class LifecycleEmitter {

  private LifecycleEmitter() {
  }

  /**
   * Adds a lifecycle step of a started call, numbered with the call's next sequence;
   * {@code details} completes it. Pending calls (direction not known yet) emit nothing.
   */
  public static void emit(Step step, CallDraft call, CallEventType type, long at,
      Consumer<CallEvent.Builder> details) {
    if (!call.started) {
      return;
    }
    CallEvent.Builder builder = CallEvent.newBuilder()
        .setCallId(call.callId)
        .setPbxId(step.state().pbxId)
        .setSequence(call.nextSequence++)
        .setType(type)
        .setAt(Instant.ofEpochMilli(at))
        .setTimeSource(call.timeSource)
        .setDirection(call.direction)
        .setExternalNumber(call.externalNumber)
        .setLine(call.line)
        .setQueue(call.queue)
        .setJoinedLate(call.joinedLate)
        .setCrmCallId(call.crmCallId);
    details.accept(builder);
    step.add(builder.build());
  }

  public static void emit(Step step, CallDraft call, CallEventType type, long at, String extension,
      String reason) {
    emit(step, call, type, at, b -> b.setExtension(extension).setReason(reason));
  }

  static Transfer transfer(TransferDraft t) {
    return Transfer.newBuilder().setFrom(t.from).setTo(t.to).setKind(t.kind)
        .setAt(Instant.ofEpochMilli(t.at)).build();
  }

  /** The final record of a call that ended at {@code endedAt}. */
  static CallSummary summary(Step step, CallDraft call, Disposition disposition, String reason,
      long endedAt, String finalExtension, String extension) {
    List<Transfer> transfers = new ArrayList<>();
    call.transfers.forEach(t -> transfers.add(transfer(t)));
    long talk = call.answeredAt == null ? 0 : Math.max(0, endedAt - call.answeredAt);
    return CallSummary.newBuilder()
        .setCallId(call.callId)
        .setPbxId(step.state().pbxId)
        .setDirection(call.direction)
        .setExternalNumber(call.externalNumber)
        .setLine(call.line)
        .setExtension(extension)
        .setRang(new ArrayList<>(call.rang))
        .setAnsweredBy(call.answeredBy)
        .setFinalExtension(finalExtension)
        .setTransfers(transfers)
        .setDisposition(disposition)
        .setDispositionReason(reason)
        .setQueue(call.queue)
        .setStartedAt(Instant.ofEpochMilli(call.startedAt))
        .setAnsweredAt(call.answeredAt == null ? null : Instant.ofEpochMilli(call.answeredAt))
        .setEndedAt(Instant.ofEpochMilli(endedAt))
        .setTalkMillis(talk)
        .setTotalMillis(Math.max(0, endedAt - call.startedAt))
        .setRecordingFile(call.recordingFile)
        .setLinkedids(new ArrayList<>(call.linkedids))
        .setHangupCause(call.hangupCause)
        .setTimeSource(call.timeSource)
        .setJoinedLate(call.joinedLate)
        .setCrmCallId(call.crmCallId)
        .build();
  }
}
