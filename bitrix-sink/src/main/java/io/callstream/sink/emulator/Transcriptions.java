package io.callstream.sink.emulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * {@code telephony.call.attachTranscription} (contract §3.7): the messages are validated in order
 * with the exact error texts, and only a finished call takes a transcript. Not thread-safe: used
 * under the {@link TelephonyStore}'s lock.
 */
final class Transcriptions {

  private final IdSequence ids;

  Transcriptions(IdSequence ids) {
    this.ids = ids;
  }

  /** The messages of a request, validated; a CALL_ID must have been checked to be set. */
  static List<Ledger.TranscriptMessage> messages(Map<String, Object> p) {
    Object raw = p.get("MESSAGES");
    Collection<?> items = raw instanceof Map<?, ?> m ? m.values()
        : raw instanceof Collection<?> c ? c : null;
    if (items == null) {
      throw ApiError.method("MESSAGES should be an array");
    }
    List<Ledger.TranscriptMessage> out = new ArrayList<>();
    int n = 0;
    for (Object item : items) {
      Map<?, ?> m = item instanceof Map<?, ?> map ? map : Map.of();
      String side = m.get("SIDE") == null ? "" : m.get("SIDE").toString();
      if (!side.equals("Client") && !side.equals("User")) {
        throw ApiError.method("MESSAGES[" + n + "][SIDE] should be either Client or User");
      }
      int start = number(m.get("START_TIME"));
      if (start < 0) {
        throw ApiError.method("MESSAGES[" + n + "][START_TIME] should be greater or equal to zero");
      }
      int stop = number(m.get("STOP_TIME"));
      if (stop <= 0) {
        throw ApiError.method("MESSAGES[" + n + "][STOP_TIME] should be greater than zero");
      }
      String message = m.get("MESSAGE") == null ? "" : m.get("MESSAGE").toString();
      if (message.isEmpty()) {
        throw ApiError.method("MESSAGES[" + n + "][MESSAGE] is empty");
      }
      out.add(new Ledger.TranscriptMessage(side, start, stop, message));
      n++;
    }
    return out;
  }

  Map<String, Object> attach(StoredCall c, List<Ledger.TranscriptMessage> messages,
      Map<String, Object> p) {
    int id = ids.next();
    String cost = RequestParams.string(p, "COST");
    c.transcripts.add(new Ledger.Transcript(id, List.copyOf(messages), cost,
        cost == null ? null : RequestParams.string(p, "COST_CURRENCY")));
    return Map.of("TRANSCRIPT_ID", id);
  }

  /** Like PHP's (int): a missing or non-numeric value is 0. */
  private static int number(Object v) {
    if (v == null) {
      return 0;
    }
    try {
      return (int) Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
