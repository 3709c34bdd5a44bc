package io.callstream.correlator.ami;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.AmiHeader;
import io.callstream.schemas.TimeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The correlator's read-only view of one raw {@link AmiEvent}: header names normalised to lower
 * case (AMI spells them inconsistently), first value wins, repeated {@code ChanVariable} headers
 * collected, and both times of the record: the PBX {@code Timestamp} when present and the
 * producer's receive time ({@link #timeSource()} says which one times the event; the state machine
 * puts both on the PBX's clock, see {@code PbxClock}).
 */
public final class AmiMessage {

  private final AmiFrameKind kind;
  private final String name;
  private final Map<String, String> headers;
  private final List<String> chanVariables;
  private final Long pbxTimeMillis;
  private final long receivedMillis;
  private final String connectionId;

  private AmiMessage(AmiFrameKind kind, String name, Map<String, String> headers,
      List<String> chanVariables, Long pbxTimeMillis, long receivedMillis, String connectionId) {
    this.kind = kind;
    this.name = name;
    this.headers = headers;
    this.chanVariables = chanVariables;
    this.pbxTimeMillis = pbxTimeMillis;
    this.receivedMillis = receivedMillis;
    this.connectionId = connectionId;
  }

  public static AmiMessage of(AmiEvent event) {
    Map<String, String> headers = new HashMap<>();
    List<String> vars = new ArrayList<>();
    for (AmiHeader header : event.getHeaders()) {
      String key = header.getName().toLowerCase(Locale.ROOT);
      if (key.equals("chanvariable")) {
        vars.add(header.getValue());
      }
      headers.putIfAbsent(key, header.getValue());
    }
    Long pbxTime = event.getPbxTime() == null ? null : toMillis(event.getPbxTime());
    return new AmiMessage(event.getKind(), event.getEventName(),
        Collections.unmodifiableMap(headers), List.copyOf(vars), pbxTime,
        toMillis(event.getReceivedAt()), event.getConnectionId());
  }

  private static long toMillis(java.time.Instant instant) {
    long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000L;
    return Math.floorDiv(micros, 1000L);
  }

  public AmiFrameKind kind() {
    return kind;
  }

  /** The Event header as sent, or null. */
  public String name() {
    return name;
  }

  /** A header by lower-case name, or null; AMI's {@code <unknown>} placeholder reads as null. */
  public String get(String lowerCaseName) {
    String value = headers.get(lowerCaseName);
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    return trimmed.isEmpty() || trimmed.equals("<unknown>") ? null : trimmed;
  }

  /** {@code NAME=value} entries of the {@code ChanVariable} headers, in order. */
  public List<String> chanVariables() {
    return chanVariables;
  }

  /** The PBX's {@code Timestamp} in epoch millis (PBX clock), or null when the frame had none. */
  public Long pbxTimeMillis() {
    return pbxTimeMillis;
  }

  /** When the producer read the frame or wrote the marker, epoch millis (producer clock). */
  public long receivedMillis() {
    return receivedMillis;
  }

  /** PBX when the event is timed by the PBX's Timestamp, RECEIVED when only by receive time. */
  public TimeSource timeSource() {
    return pbxTimeMillis != null ? TimeSource.PBX : TimeSource.RECEIVED;
  }

  public String connectionId() {
    return connectionId;
  }

  public String uniqueid() {
    return get("uniqueid");
  }
}
