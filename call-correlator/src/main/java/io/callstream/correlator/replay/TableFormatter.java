package io.callstream.correlator.replay;

import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.Objects;
import java.util.stream.Collectors;

/** For people: each call's timeline, then its summary, calls in order of their end. */
public final class TableFormatter implements ReplayFormatter {

  private final ZoneId zone;

  public TableFormatter(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public void print(ReplayResult result, PrintStream out) {
    for (CallSummary s : result.summaries()) {
      out.printf("== %s  %s  %s -> %s  %s (times: %s%s)%n", s.getCallId(), s.getDirection(),
          orDash(s.getExternalNumber()), orDash(s.getLine()), s.getDisposition(),
          s.getTimeSource(), s.getJoinedLate() ? ", joined late" : "");
      out.printf("   %-4s %-29s %-12s %-10s %s%n", "seq", "at", "step", "extension", "details");
      for (CallEvent e : result.lifecycle()) {
        if (e.getCallId().equals(s.getCallId())) {
          out.printf("   %-4d %-29s %-12s %-10s %s%n", e.getSequence(),
              Times.format(e.getAt(), zone),
              e.getType(), orDash(e.getExtension()), details(e));
        }
      }
      out.printf("   rang %s, answered by %s, final %s, talk %s s, total %s s%s%s%n",
          s.getRang(), orDash(s.getAnsweredBy()), orDash(s.getFinalExtension()),
          Times.seconds(s.getTalkMillis()), Times.seconds(s.getTotalMillis()),
          s.getTransfers().isEmpty() ? "" : ", transfers " + s.getTransfers().stream()
              .map(t -> t.getFrom() + "->" + t.getTo() + " " + t.getKind())
              .collect(Collectors.joining(", ")),
          s.getRecordingFile() == null ? "" : ", recording " + s.getRecordingFile());
      if (s.getDispositionReason() != null) {
        out.printf("   reason: %s%n", s.getDispositionReason());
      }
      out.println();
    }
  }

  private static String details(CallEvent e) {
    StringBuilder b = new StringBuilder();
    append(b, "queue", e.getQueue());
    append(b, "reason", e.getReason());
    append(b, "disposition", e.getDisposition());
    append(b, "recording", e.getRecordingFile());
    if (e.getTransfer() != null) {
      append(b, "transfer", e.getTransfer().getFrom() + "->" + e.getTransfer().getTo() + " "
          + e.getTransfer().getKind());
    }
    return b.toString().trim();
  }

  private static void append(StringBuilder b, String name, Object value) {
    if (value != null) {
      b.append(name).append('=').append(Objects.toString(value)).append(' ');
    }
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
