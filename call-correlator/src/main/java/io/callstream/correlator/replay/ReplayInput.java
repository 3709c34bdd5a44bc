package io.callstream.correlator.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One capture to replay: one AMI session's bytes. {@code sessionStart} is the clock used for
 * frames without a PBX {@code Timestamp} (captures of a PBX with {@code timestampevents=no}).
 */
public record ReplayInput(String name, byte[] bytes, Instant sessionStart) {

  /** A capture file; its modification time stands in for the session start. */
  public static ReplayInput of(Path file) throws IOException {
    return new ReplayInput(file.getFileName().toString(), Files.readAllBytes(file),
        Files.getLastModifiedTime(file).toInstant());
  }
}
