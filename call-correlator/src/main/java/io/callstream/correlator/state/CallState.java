package io.callstream.correlator.state;

import io.callstream.schemas.Direction;
import io.callstream.schemas.TimeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known about one call group. A group without an anchor is "pending": an extension picked
 * up its phone but has not dialled anything yet, so direction and call id are not known and
 * nothing has been emitted.
 */
public final class CallState {
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
  public Map<String, DialState> dials = new LinkedHashMap<>();
  public String answeredBy;
  public Long answeredAt;
  public Long anchorBridgedAt;
  public String talking;
  public boolean answerEmitted;
  public List<TransferState> transfers = new ArrayList<>();
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

  public CallState copy() {
    CallState c = new CallState();
    c.key = key;
    c.callId = callId;
    c.anchor = anchor;
    c.direction = direction;
    c.externalNumber = externalNumber;
    c.line = line;
    c.callerExtension = callerExtension;
    c.queue = queue;
    c.rang = new ArrayList<>(rang);
    c.rangOrder = new ArrayList<>(rangOrder);
    c.dialCounter = dialCounter;
    c.dials = new LinkedHashMap<>();
    dials.forEach((k, v) -> c.dials.put(k, v.copy()));
    c.answeredBy = answeredBy;
    c.answeredAt = answeredAt;
    c.anchorBridgedAt = anchorBridgedAt;
    c.talking = talking;
    c.answerEmitted = answerEmitted;
    c.transfers = new ArrayList<>();
    transfers.forEach(t -> c.transfers.add(t.copy()));
    c.abandoned = abandoned;
    c.recordingFile = recordingFile;
    c.linkedids = new ArrayList<>(linkedids);
    c.startedAt = startedAt;
    c.timeSource = timeSource;
    c.joinedLate = joinedLate;
    c.started = started;
    c.nextSequence = nextSequence;
    c.lastActivity = lastActivity;
    c.suspectSince = suspectSince;
    c.hangupCause = hangupCause;
    c.crmCallId = crmCallId;
    return c;
  }
}
