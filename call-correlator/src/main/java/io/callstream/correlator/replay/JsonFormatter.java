package io.callstream.correlator.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Transfer;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * One JSON object per line: the lifecycle steps ({@code type} = the step in lower case), then one
 * {@code "type":"summary"} per call with exactly the documented fields; absent values are null.
 */
public final class JsonFormatter implements ReplayFormatter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ZoneId zone;

  public JsonFormatter(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public void print(ReplayResult result, PrintStream out) {
    result.lifecycle().forEach(e -> out.println(write(lifecycle(e))));
    result.summaries().forEach(s -> out.println(write(summary(s))));
  }

  public ObjectNode lifecycle(CallEvent e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", e.getType().name().toLowerCase(Locale.ROOT));
    n.put("callId", e.getCallId());
    n.put("pbxId", e.getPbxId());
    n.put("sequence", e.getSequence());
    n.put("at", Times.format(e.getAt(), zone));
    n.put("timeSource", e.getTimeSource().name());
    n.put("direction", e.getDirection().name());
    n.put("externalNumber", e.getExternalNumber());
    n.put("line", e.getLine());
    n.put("extension", e.getExtension());
    n.put("queue", e.getQueue());
    n.put("reason", e.getReason());
    if (e.getTransfer() == null) {
      n.putNull("transfer");
    } else {
      n.set("transfer", transfer(e.getTransfer()));
    }
    n.put("recordingFile", e.getRecordingFile());
    n.put("disposition", e.getDisposition() == null ? null : e.getDisposition().name());
    n.put("talkSeconds", Times.seconds(e.getTalkMillis()));
    n.put("totalSeconds", Times.seconds(e.getTotalMillis()));
    n.put("finalExtension", e.getFinalExtension());
    n.put("hangupCause", e.getHangupCause());
    n.put("joinedLate", e.getJoinedLate());
    return n;
  }

  public ObjectNode summary(CallSummary s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", "summary");
    n.put("callId", s.getCallId());
    n.put("pbxId", s.getPbxId());
    n.put("direction", s.getDirection().name());
    n.put("externalNumber", s.getExternalNumber());
    n.put("line", s.getLine());
    n.put("extension", s.getExtension());
    n.set("rang", strings(s.getRang()));
    n.put("answeredBy", s.getAnsweredBy());
    n.put("finalExtension", s.getFinalExtension());
    ArrayNode transfers = n.putArray("transfers");
    s.getTransfers().forEach(t -> transfers.add(transfer(t)));
    n.put("disposition", s.getDisposition().name());
    n.put("startedAt", Times.format(s.getStartedAt(), zone));
    n.put("answeredAt", Times.format(s.getAnsweredAt(), zone));
    n.put("endedAt", Times.format(s.getEndedAt(), zone));
    n.put("talkSeconds", Times.seconds(s.getTalkMillis()));
    n.put("totalSeconds", Times.seconds(s.getTotalMillis()));
    n.put("recordingFile", s.getRecordingFile());
    n.set("linkedids", strings(s.getLinkedids()));
    return n;
  }

  private ObjectNode transfer(Transfer t) {
    ObjectNode n = JSON.createObjectNode();
    n.put("from", t.getFrom());
    n.put("to", t.getTo());
    n.put("kind", t.getKind().name());
    n.put("at", Times.format(t.getAt(), zone));
    return n;
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = JSON.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
