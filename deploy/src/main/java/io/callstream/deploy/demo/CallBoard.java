package io.callstream.deploy.demo;

import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallEventType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The demo's live picture of the pipeline, fed from the lifecycle and outcome topics: calls in
 * progress, the most recent finished calls with their lifecycle and Bitrix24 outcome, and rates.
 * Thread-safe; the feeder thread writes, the web page and console read snapshots.
 */
public final class CallBoard {

  private static final int RECENT = 50;
  /** The correlator's reason on the ENDED of a call that turned out to be part of another. */
  private static final String MERGED = "merged into ";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final Map<String, Entry> active = new LinkedHashMap<>();
  private final ArrayDeque<Entry> recent = new ArrayDeque<>();
  private final Map<String, Entry> byId = new LinkedHashMap<>();
  private final List<EndedCall> ended = new ArrayList<>();
  private final RateMeter rawRate;
  private final RateMeter bitrixRate;
  private final Consumer<String> finishedCallLine;
  private final LongSupplier bitrixRequests;
  private long rawEvents;
  private long bitrixCommands;
  private long deadLetters;

  /**
   * @param finishedCallLine receives one line per finished call and per CRM result (console)
   * @param bitrixRequests HTTP requests Bitrix24 received so far (the emulator counts them)
   */
  public CallBoard(Clock clock, Consumer<String> finishedCallLine, LongSupplier bitrixRequests) {
    this.rawRate = new RateMeter(clock);
    this.bitrixRate = new RateMeter(clock);
    this.finishedCallLine = finishedCallLine;
    this.bitrixRequests = bitrixRequests;
  }

  public synchronized void onRawEvents(int count) {
    rawEvents += count;
    rawRate.record(count);
  }

  public synchronized void onLifecycle(CallEvent event) {
    Entry entry = byId.computeIfAbsent(event.getCallId(), id -> new Entry(event));
    entry.apply(event);
    if (isMerge(event)) {
      // Not a call of its own: its channels now belong to another call (e.g. a REFER consultation).
      active.remove(entry.callId);
      byId.remove(entry.callId);
    } else if (event.getType() == CallEventType.ENDED) {
      active.remove(entry.callId);
      ended.add(new EndedCall(entry.callId, entry.direction, entry.disposition, event.getReason()));
      recent.addFirst(entry);
      while (recent.size() > RECENT) {
        byId.remove(recent.removeLast().callId);
      }
      finishedCallLine.accept(entry.endedLine());
    } else if (!recent.contains(entry)) {
      active.put(entry.callId, entry);
    }
  }

  private static boolean isMerge(CallEvent event) {
    return event.getType() == CallEventType.ENDED && event.getReason() != null
        && event.getReason().startsWith(MERGED);
  }

  public synchronized void onOutcome(BitrixOutcome outcome) {
    bitrixCommands++;
    bitrixRate.record(1);
    if (outcome.getStatus().name().equals("DEAD_LETTERED")) {
      deadLetters++;
    }
    Entry entry = byId.get(outcome.getCallId());
    String line = outcome.getKind() + " " + outcome.getStatus()
        + (outcome.getBitrixCallId() == null ? "" : " " + outcome.getBitrixCallId())
        + (outcome.getErrorDescription() == null ? "" : " (" + outcome.getErrorDescription() + ")");
    if (entry != null) {
      entry.crm.add(line);
    }
    if (outcome.getKind().name().equals("FINISH") || outcome.getStatus().name().equals("DEAD_LETTERED")) {
      finishedCallLine.accept(String.format("  CRM  %s  %s", outcome.getCallId(), line));
    }
  }

  /** Every call ended so far, in the order they ended. */
  public synchronized List<EndedCall> endedCalls() {
    return List.copyOf(ended);
  }

  public synchronized BoardSnapshot snapshot() {
    return new BoardSnapshot(rawEvents, rawRate.perSecond(), active.size(), ended.size(),
        bitrixCommands, bitrixRate.perSecond(), bitrixRequests.getAsLong(), deadLetters,
        active.values().stream().map(Entry::view).toList(),
        recent.stream().map(Entry::view).toList());
  }

  private static String time(Instant at) {
    return at == null ? null : TIME.format(at);
  }

  /** Mutable per-call accumulation, only touched under the board's lock. */
  private static final class Entry {
    final String callId;
    final String pbxId;
    String direction;
    String externalNumber;
    String line;
    String state = "started";
    String extension;
    String disposition;
    Double talkSeconds;
    Instant startedAt;
    Instant endedAt;
    final LinkedHashSet<String> rang = new LinkedHashSet<>();
    final List<String> lifecycle = new ArrayList<>();
    final List<String> crm = new ArrayList<>();

    Entry(CallEvent first) {
      this.callId = first.getCallId();
      this.pbxId = first.getPbxId();
    }

    void apply(CallEvent e) {
      direction = e.getDirection().name();
      externalNumber = e.getExternalNumber() == null ? externalNumber : e.getExternalNumber();
      line = e.getLine() == null ? line : e.getLine();
      lifecycle.add(time(e.getAt()) + " " + e.getType()
          + (e.getExtension() == null ? "" : " " + e.getExtension())
          + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
      switch (e.getType()) {
        case STARTED -> {
          startedAt = e.getAt();
          extension = e.getExtension();
        }
        case RINGING -> {
          rang.add(e.getExtension());
          state = "ringing";
        }
        case ANSWERED -> {
          state = "talking";
          extension = e.getExtension();
        }
        case HELD -> state = "on hold";
        case RESUMED -> state = "talking";
        case ENDED -> {
          state = "ended";
          endedAt = e.getAt();
          disposition = e.getDisposition() == null ? null : e.getDisposition().name();
          talkSeconds = e.getTalkMillis() == null ? null : e.getTalkMillis() / 1000.0;
          extension = e.getFinalExtension() == null ? extension : e.getFinalExtension();
        }
        default -> {
        }
      }
    }

    String endedLine() {
      return String.format("%s  %-8s %-28s %s %s -> %s  %s%s", time(endedAt), "ENDED", callId,
          direction, externalNumber == null ? "-" : externalNumber,
          extension == null ? "nobody" : extension, disposition,
          talkSeconds == null || talkSeconds == 0 ? "" : String.format(" talk %.1fs", talkSeconds));
    }

    CallView view() {
      return new CallView(callId, pbxId, direction, externalNumber, line, state, extension,
          disposition, talkSeconds, time(startedAt), time(endedAt), List.copyOf(rang),
          List.copyOf(lifecycle), List.copyOf(crm));
    }
  }
}
