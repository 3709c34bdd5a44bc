package io.callstream.correlator.machine.draft;

import io.callstream.schemas.Direction;
import io.callstream.schemas.TimeSource;
import io.callstream.correlator.state.Call;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working copy of a {@link Call}. A group without an anchor is "pending": an extension
 * picked up its phone but has not dialled anything yet, so direction and call id are not known
 * and nothing has been emitted.
 */
public final class CallDraft {
  /** Group key: Uniqueid of the group's first channel. */
  public String key;
  public String callId;
  public String anchor;
  public Direction direction = Direction.UNKNOWN;
  public String externalNumber;
  public String line;
  public String callerExtension;
  public String queue;
  public List<String> rang = new ArrayList<>();
  /** Ring-order position of each extension in {@link #rang}. */
  public List<Integer> rangOrder = new ArrayList<>();
  public int dialCounter;
  public Map<String, DialDraft> dials = new LinkedHashMap<>();
  public String answeredBy;
  public Long answeredAt;
  public Long anchorBridgedAt;
  public String talking;
  public boolean answerEmitted;
  public List<TransferDraft> transfers = new ArrayList<>();
  public boolean abandoned;
  public String recordingFile;
  public List<String> linkedids = new ArrayList<>();
  public long startedAt;
  public TimeSource timeSource = TimeSource.PBX;
  public boolean joinedLate;
  public boolean started;
  public int nextSequence;
  public long lastActivity;
  /** Set by a disconnect: the call must be confirmed by the next resync or activity. */
  public Long suspectSince;
  public Integer hangupCause;
  public String crmCallId;

  public boolean pending() {
    return anchor == null;
  }

  /** Moves every time of the call by {@code deltaMillis} (see {@link PbxDraft#shiftEntryTimes}). */
  void shiftTimes(long deltaMillis) {
    startedAt += deltaMillis;
    lastActivity += deltaMillis;
    answeredAt = answeredAt == null ? null : answeredAt + deltaMillis;
    anchorBridgedAt = anchorBridgedAt == null ? null : anchorBridgedAt + deltaMillis;
    suspectSince = suspectSince == null ? null : suspectSince + deltaMillis;
    dials.values().forEach(d -> d.beganAt += deltaMillis);
    transfers.forEach(t -> t.at += deltaMillis);
  }

  /** A working copy of {@code value}. */
  public static CallDraft of(Call value) {
    CallDraft d = new CallDraft();
    d.key = value.key();
    d.callId = value.callId();
    d.anchor = value.anchor();
    d.direction = value.direction();
    d.externalNumber = value.externalNumber();
    d.line = value.line();
    d.callerExtension = value.callerExtension();
    d.queue = value.queue();
    d.rang.addAll(value.rang());
    d.rangOrder.addAll(value.rangOrder());
    d.dialCounter = value.dialCounter();
    value.dials().forEach((k, v) -> d.dials.put(k, DialDraft.of(v)));
    d.answeredBy = value.answeredBy();
    d.answeredAt = value.answeredAt();
    d.anchorBridgedAt = value.anchorBridgedAt();
    d.talking = value.talking();
    d.answerEmitted = value.answerEmitted();
    value.transfers().forEach(x -> d.transfers.add(TransferDraft.of(x)));
    d.abandoned = value.abandoned();
    d.recordingFile = value.recordingFile();
    d.linkedids.addAll(value.linkedids());
    d.startedAt = value.startedAt();
    d.timeSource = value.timeSource();
    d.joinedLate = value.joinedLate();
    d.started = value.started();
    d.nextSequence = value.nextSequence();
    d.lastActivity = value.lastActivity();
    d.suspectSince = value.suspectSince();
    d.hangupCause = value.hangupCause();
    d.crmCallId = value.crmCallId();
    return d;
  }

  /** The immutable value of this draft. */
  public Call freeze() {
    return new Call(
        key,
        callId,
        anchor,
        direction,
        externalNumber,
        line,
        callerExtension,
        queue,
        rang,
        rangOrder,
        dialCounter,
        freezeAll(dials,
        DialDraft::freeze),
        answeredBy,
        answeredAt,
        anchorBridgedAt,
        talking,
        answerEmitted,
        transfers.stream().map(TransferDraft::freeze).toList(),
        abandoned,
        recordingFile,
        linkedids,
        startedAt,
        timeSource,
        joinedLate,
        started,
        nextSequence,
        lastActivity,
        suspectSince,
        hangupCause,
        crmCallId);
  }

  private static <D, V> Map<String, V> freezeAll(Map<String, D> drafts,
      java.util.function.Function<D, V> freeze) {
    Map<String, V> out = new LinkedHashMap<>();
    drafts.forEach((k, v) -> out.put(k, freeze.apply(v)));
    return out;
  }
}
