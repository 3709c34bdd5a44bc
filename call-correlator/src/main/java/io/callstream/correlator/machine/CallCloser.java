package io.callstream.correlator.machine;

import io.callstream.correlator.machine.OutcomeDecider.Outcome;
import io.callstream.correlator.machine.draft.BridgeDraft;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.Direction;
import io.callstream.schemas.Disposition;

/** Ends a call: ENDED, the summary, and removal of everything the state held for it. */
public final class CallCloser {

  private CallCloser() {
  }

  /** Closes with the disposition the events decide. */
  public static void close(Step step, CallDraft call, long endedAt) {
    if (!call.answerEmitted && call.anchorBridgedAt != null) {
      call.answeredAt = call.anchorBridgedAt;
    }
    Outcome outcome = OutcomeDecider.decide(call);
    close(step, call, endedAt, outcome.disposition(), outcome.reason());
  }

  /** Closes with a given disposition (gaps, timeouts). */
  public static void close(Step step, CallDraft call, long endedAt, Disposition disposition,
      String reason) {
    if (call.started) {
      ChannelDraft anchor = step.channel(call.anchor);
      if (anchor != null && anchor.vars.get("MIXMONITOR_FILENAME") != null) {
        call.recordingFile = anchor.vars.get("MIXMONITOR_FILENAME");
      }
      boolean answered = disposition == Disposition.ANSWERED;
      String finalExtension = answered ? call.talking : null;
      if (answered && call.direction == Direction.OUTBOUND && finalExtension == null) {
        finalExtension = call.callerExtension;
      }
      String extension = call.direction == Direction.INBOUND ? call.answeredBy
          : call.callerExtension;
      String finalParty = finalExtension;
      LifecycleEmitter.emit(step, call, CallEventType.ENDED, endedAt, b -> b
          .setExtension(finalParty)
          .setReason(reason)
          .setDisposition(disposition)
          .setTalkMillis(call.answeredAt == null ? 0L : Math.max(0, endedAt - call.answeredAt))
          .setTotalMillis(Math.max(0, endedAt - call.startedAt))
          .setFinalExtension(finalParty)
          .setHangupCause(call.hangupCause)
          .setRecordingFile(call.recordingFile));
      step.add(LifecycleEmitter.summary(step, call, disposition, reason, endedAt, finalExtension,
          extension));
    }
    forget(step, call);
  }

  /**
   * Ends a call that became part of another one (the consultation of a REFER transfer): its own
   * lifecycle gets ENDED with the reason, but no summary; the surviving call reports it all.
   */
  static void endMerged(Step step, CallDraft call, String survivorId) {
    if (!call.answerEmitted && call.anchorBridgedAt != null) {
      call.answeredAt = call.anchorBridgedAt;
    }
    long now = step.now();
    Disposition disposition = OutcomeDecider.decide(call).disposition();
    LifecycleEmitter.emit(step, call, CallEventType.ENDED, now, b -> b
        .setReason("merged into " + survivorId)
        .setDisposition(disposition)
        .setTalkMillis(call.answeredAt == null ? 0L : Math.max(0, now - call.answeredAt))
        .setTotalMillis(Math.max(0, now - call.startedAt))
        .setFinalExtension(call.talking));
  }

  /** Removes a call group, its channels, and bridges left empty. */
  public static void forget(Step step, CallDraft call) {
    for (ChannelDraft c : step.channelsOf(call)) {
      for (String bridgeId : c.bridges) {
        BridgeDraft bridge = step.state().bridges.get(bridgeId);
        if (bridge != null) {
          bridge.members.remove(c.uniqueid);
          if (bridge.members.isEmpty()) {
            step.state().bridges.remove(bridgeId);
          }
        }
      }
      step.state().channels.remove(c.uniqueid);
    }
    step.state().calls.remove(call.key);
  }
}
