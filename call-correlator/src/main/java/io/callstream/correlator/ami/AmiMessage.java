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
 * collected, and one event time chosen: the PBX {@code Timestamp} when present, else the
 * producer's receive time (and {@link #timeSource()} says which).
 */
public final class AmiMessage {

  private final AmiFrameKind kind;
  private final String name;
  private final Map<String, String> headers;
  private final List<String> chanVariables;
  private final long timeMillis;
  private final TimeSource timeSource;
  private final String connectionId;

  private AmiMessage(AmiFrameKind kind, String name, Map<String, String> headers,
      List<String> chanVariables, long timeMillis, TimeSource timeSource, String connectionId) {
    this.kind = kind;
    this.name = name;
    this.headers = headers;
    this.chanVariables = chanVariables;
    this.timeMillis = timeMillis;
    this.timeSource = timeSource;
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
    boolean pbx = event.getPbxTime() != null;
    long micros = pbx ? toMicros(event.getPbxTime()) : toMicros(event.getReceivedAt());
    return new AmiMessage(event.getKind(), event.getEventName(),
        Collections.unmodifiableMap(headers),
        List.copyOf(vars), Math.floorDiv(micros, 1000L), pbx ? TimeSource.PBX : TimeSource.RECEIVED,
        event.getConnectionId());
  }

  private static long toMicros(java.time.Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000L;
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

  public long timeMillis() {
    return timeMillis;
  }

  public TimeSource timeSource() {
    return timeSource;
  }

  public String connectionId() {
    return connectionId;
  }

  public String uniqueid() {
    return get("uniqueid");
  }
}
