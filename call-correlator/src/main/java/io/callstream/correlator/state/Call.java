package io.callstream.correlator.state;

import io.callstream.schemas.Direction;
import io.callstream.schemas.TimeSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known about one call group; without an anchor the group is pending (nothing emitted
 * yet). Keyed by the Uniqueid of the group's first channel.
 */
public record Call(
    String key,
    String callId,
    String anchor,
    Direction direction,
    String externalNumber,
    String line,
    String callerExtension,
    String queue,
    List<String> rang,
    List<Integer> rangOrder,
    int dialCounter,
    Map<String, Dial> dials,
    String answeredBy,
    Long answeredAt,
    Long anchorBridgedAt,
    String talking,
    boolean answerEmitted,
    List<TransferFact> transfers,
    boolean abandoned,
    String recordingFile,
    List<String> linkedids,
    long startedAt,
    TimeSource timeSource,
    boolean joinedLate,
    boolean started,
    int nextSequence,
    long lastActivity,
    Long suspectSince,
    Integer hangupCause,
    String crmCallId) {

  public Call {
    rang = rang == null ? List.of() : List.copyOf(rang);
    rangOrder = rangOrder == null ? List.of() : List.copyOf(rangOrder);
    dials = dials == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(dials));
    transfers = transfers == null ? List.of() : List.copyOf(transfers);
    linkedids = linkedids == null ? List.of() : List.copyOf(linkedids);
  }

  /** Whether direction and anchor are still unknown (nothing has been emitted for it). */
  public boolean pending() {
    return anchor == null;
  }
}
