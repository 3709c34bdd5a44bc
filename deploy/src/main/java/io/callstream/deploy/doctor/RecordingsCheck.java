package io.callstream.deploy.doctor;

import io.callstream.sink.config.SinkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Whether recordings can reach Bitrix24 the way the configuration says. */
public final class RecordingsCheck implements Check {

  private static final String AREA = "Recordings";

  private final SinkConfig config;

  public RecordingsCheck(SinkConfig config) {
    this.config = config;
  }

  @Override
  public List<CheckResult> run() {
    if (config.recordingDirectory().isPresent()) {
      Path dir = Path.of(config.recordingDirectory().get());
      if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
        return List.of(CheckResult.fail(AREA, "cannot read " + dir,
            "mount the PBX's monitor folder (e.g. /var/spool/asterisk/monitor) read-only on this host, "
                + "or set sink.recording.url.template instead"));
      }
      return List.of(CheckResult.ok(AREA, "the sink uploads recordings from " + dir));
    }
    if (config.recordingUrlTemplate().isPresent()) {
      return List.of(CheckResult.ok(AREA, "Bitrix24 downloads recordings from "
          + config.recordingUrlTemplate().get() + " — that web server must be reachable from the "
          + "Internet (inbound HTTPS to it from Bitrix24's servers)"));
    }
    return List.of(CheckResult.warn(AREA, "recordings are not attached to calls",
        "set sink.recording.directory (upload) or sink.recording.url.template (Bitrix24 downloads)"));
  }
}
