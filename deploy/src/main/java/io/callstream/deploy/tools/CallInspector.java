package io.callstream.deploy.tools;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiHeader;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Gathers everything the topics know about one call: its lifecycle and summary (keyed by call
 * id), the raw AMI events of its channels (found by Uniqueid/Linkedid from the anchor channel and
 * the summary's linkedids, following every channel that shares one), and what Bitrix24 answered.
 */
public final class CallInspector {

  /** How far around the call's lifecycle to look for its raw events (PBX and producer clocks differ). */
  static final Duration RAW_MARGIN = Duration.ofMinutes(5);

  private final TopicScanner scanner;
  private final Topics topics;
  private final Consumer<String> progress;

  public CallInspector(TopicScanner scanner, Topics topics, Consumer<String> progress) {
    this.scanner = scanner;
    this.topics = topics;
    this.progress = progress;
  }

  public CallReport inspect(String callId, boolean withNoise) {
    List<CallEvent> lifecycle = new ArrayList<>();
    scan(topics.callLifecycle().name(), callId, null, null, (key, bytes) -> lifecycle.add(
        topics.callLifecycle().valueSerde().deserializer().deserialize("", bytes)));
    List<CallSummary> summaries = new ArrayList<>();
    scan(topics.callSummary().name(), callId, null, null, (key, bytes) -> summaries.add(
        topics.callSummary().valueSerde().deserializer().deserialize("", bytes)));
    List<BitrixOutcome> outcomes = new ArrayList<>();
    scan(topics.bitrixOutcomes().name(), callId, null, null, (key, bytes) -> outcomes.add(
        topics.bitrixOutcomes().valueSerde().deserializer().deserialize("", bytes)));
    CallSummary summary = summaries.isEmpty() ? null : summaries.get(summaries.size() - 1);
    List<TimelineEntry> timeline = new ArrayList<>();
    lifecycle.forEach(e -> timeline.add(new TimelineEntry(e.getAt(), "lifecycle", LifecycleText.of(e))));
    outcomes.forEach(o -> timeline.add(new TimelineEntry(o.getCompletedAt(), "bitrix24", o.getKind()
        + " " + o.getStatus() + (o.getBitrixCallId() == null ? "" : " CALL_ID=" + o.getBitrixCallId())
        + (o.getErrorDescription() == null ? "" : " (" + o.getErrorDescription() + ")"))));
    deadLetters(callId).forEach(d -> timeline.add(new TimelineEntry(d.getFailedAt(), "dead-letter",
        d.getReason())));
    int[] rawCounts = rawEvents(callId, lifecycle, summary, withNoise, timeline);
    timeline.sort(Comparator.comparing(TimelineEntry::at));
    return new CallReport(callId, summary, lifecycle.size(), rawCounts[0], rawCounts[1], timeline);
  }

  private int[] rawEvents(String callId, List<CallEvent> lifecycle, CallSummary summary,
      boolean withNoise, List<TimelineEntry> timeline) {
    if (lifecycle.isEmpty() && summary == null) {
      return new int[] {0, 0};
    }
    String pbxId = summary != null ? summary.getPbxId() : lifecycle.get(0).getPbxId();
    Instant start = lifecycle.stream().map(CallEvent::getAt).min(Comparator.naturalOrder())
        .orElse(summary == null ? Instant.EPOCH : summary.getStartedAt());
    Instant end = lifecycle.stream().map(CallEvent::getAt).max(Comparator.naturalOrder())
        .orElse(summary == null ? start : summary.getEndedAt());
    List<AmiEvent> window = new ArrayList<>();
    scan(topics.amiEvents().name(), pbxId, start.minus(RAW_MARGIN), end.plus(RAW_MARGIN),
        (key, bytes) -> {
          if (pbxId.equals(key)) {
            window.add(topics.amiEvents().valueSerde().deserializer().deserialize("", bytes));
          }
        });
    Set<String> ids = new HashSet<>();
    ids.add(callId.substring(callId.indexOf('/') + 1));
    if (summary != null) {
      ids.addAll(summary.getLinkedids());
    }
    // Two passes: a channel may be linked to the call only by an event after its first ones.
    for (int pass = 0; pass < 2; pass++) {
      for (AmiEvent event : window) {
        if (related(event, ids)) {
          collectIds(event, ids);
        }
      }
    }
    int related = 0;
    for (AmiEvent event : window) {
      if (related(event, ids)) {
        related++;
        boolean noise = "VarSet".equalsIgnoreCase(event.getEventName())
            || "Newexten".equalsIgnoreCase(event.getEventName());
        if (withNoise || !noise) {
          Instant at = event.getPbxTime() != null ? event.getPbxTime() : event.getReceivedAt();
          timeline.add(new TimelineEntry(at, "raw", RawEventText.of(event)));
        }
      }
    }
    return new int[] {related, window.size()};
  }

  private static boolean related(AmiEvent event, Set<String> ids) {
    for (AmiHeader h : event.getHeaders()) {
      if (isIdHeader(h.getName()) && ids.contains(h.getValue())) {
        return true;
      }
    }
    return false;
  }

  private static void collectIds(AmiEvent event, Set<String> ids) {
    for (AmiHeader h : event.getHeaders()) {
      if (isIdHeader(h.getName()) && !h.getValue().isEmpty() && !h.getValue().equals("none")) {
        ids.add(h.getValue());
      }
    }
  }

  private static boolean isIdHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith("uniqueid") || n.endsWith("linkedid");
  }

  private List<BitrixDeadLetter> deadLetters(String callId) {
    List<BitrixDeadLetter> found = new ArrayList<>();
    scanner.scan(scanner.partitions(topics.bitrixDeadLetter().name()), null, null, record -> {
      BitrixDeadLetter d = topics.bitrixDeadLetter().valueSerde().deserializer()
          .deserialize("", record.value());
      if (callId.equals(d.getCallId())) {
        found.add(d);
      }
    }, n -> progress.accept("dead letters: " + n + " read"));
    return found;
  }

  private interface KeyedBytes {
    void accept(String key, byte[] value);
  }

  private void scan(String topic, String key, Instant from, Instant until, KeyedBytes each) {
    scanner.scan(List.of(scanner.partitionOf(topic, key)), from, until, record -> {
      String k = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      if (key.equals(k)) {
        each.accept(k, record.value());
      }
    }, n -> progress.accept(topic + ": " + n + " records read"));
  }

  /** What {@link #inspect} found. */
  public record CallReport(String callId, CallSummary summary, int lifecycleEvents,
      int rawEventsOfCall, int rawEventsInWindow, List<TimelineEntry> timeline) {

    public boolean found() {
      return lifecycleEvents > 0 || summary != null;
    }
  }
}
