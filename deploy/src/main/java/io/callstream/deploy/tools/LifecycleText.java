package io.callstream.deploy.tools;

import io.callstream.schemas.CallEvent;
import java.util.StringJoiner;

/** One readable line for a lifecycle event. */
final class LifecycleText {

  private LifecycleText() {
  }

  static String of(CallEvent e) {
    StringJoiner line = new StringJoiner(" ");
    line.add(e.getType().name());
    switch (e.getType()) {
      case STARTED -> {
        line.add(e.getDirection().name());
        add(line, "number", e.getExternalNumber());
        add(line, "line", e.getLine());
        add(line, "extension", e.getExtension());
        if (e.getJoinedLate()) {
          line.add("(joined late)");
        }
      }
      case TRANSFERRED -> {
        if (e.getTransfer() != null) {
          line.add(e.getTransfer().getKind() + " " + e.getTransfer().getFrom() + " -> "
              + e.getTransfer().getTo());
        }
      }
      case ENDED -> {
        line.add(String.valueOf(e.getDisposition()));
        add(line, "final", e.getFinalExtension());
        add(line, "talk", e.getTalkMillis() == null ? null : e.getTalkMillis() / 1000.0 + "s");
        add(line, "total", e.getTotalMillis() == null ? null : e.getTotalMillis() / 1000.0 + "s");
        add(line, "recording", e.getRecordingFile());
      }
      case RECORDING -> add(line, "file", e.getRecordingFile());
      default -> add(line, "extension", e.getExtension());
    }
    if (e.getReason() != null) {
      line.add("(" + e.getReason() + ")");
    }
    return line.toString();
  }

  private static void add(StringJoiner line, String name, Object value) {
    if (value != null) {
      line.add(name + "=" + value);
    }
  }
}
