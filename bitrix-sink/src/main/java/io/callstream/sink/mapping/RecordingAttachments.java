package io.callstream.sink.mapping;

import io.callstream.schemas.BitrixCommandKind;
import io.callstream.sink.config.SinkConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * attachRecord for every answered leg once the call ended: by URL (Bitrix24 downloads it) or
 * from the recordings directory (the dispatcher uploads the file), as configured.
 */
final class RecordingAttachments {

  private RecordingAttachments() {
  }

  static void plan(SinkConfig config, PlanState s, PlannedCommands out) {
    if (s.recordingFile == null || s.answeredLegs.isEmpty()) {
      return;
    }
    String file = s.recordingFile.substring(s.recordingFile.lastIndexOf('/') + 1);
    Map<String, String> params = new LinkedHashMap<>();
    if (config.recordingUrlTemplate().isPresent()) {
      params.put("RECORD_URL", config.recordingUrlTemplate().get().replace("{file}", file));
      params.put("FILENAME", file);
    } else if (config.recordingDirectory().isPresent()) {
      params.put("FILENAME", file);
      params.put(CallPlanner.UPLOAD_PARAM, "1");
    } else {
      return;
    }
    for (String leg : s.answeredLegs) {
      out.add(leg, BitrixCommandKind.ATTACH_RECORD, List.of(), params);
    }
  }
}
