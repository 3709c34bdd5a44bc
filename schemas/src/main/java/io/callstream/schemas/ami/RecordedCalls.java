package io.callstream.schemas.ami;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The 18 real AMI captures (Asterisk 22, FreePBX-17-style dialplan) with their ground truth,
 * shipped on the class path: the reference traffic for tests, the AMI simulator and the demo.
 * See {@code io/callstream/captures/README.md} for how they were recorded.
 */
public final class RecordedCalls {

  /** Scenario names; each has {@code <name>.ami} and {@code <name>.truth.json}. */
  public static final List<String> SCENARIOS = List.of(
      "inbound_answered", "inbound_no_answer", "inbound_busy",
      "queue_ringall_answered", "queue_abandon", "queue_rrmemory_timeout_next",
      "outbound_answered", "outbound_no_answer", "outbound_busy", "internal_call",
      "blind_transfer", "blind_transfer_refer", "attended_transfer", "attended_transfer_refer",
      "ring_group", "followme", "recording", "concurrent_mix");

  private static final String ROOT = "/io/callstream/captures/";

  private RecordedCalls() {
  }

  /** The exact bytes of a scenario's AMI session. */
  public static byte[] capture(String scenario) {
    return resource(scenario + ".ami");
  }

  /** The scenario's ground truth, as JSON text. */
  public static String truth(String scenario) {
    return new String(resource(scenario + ".truth.json"), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) {
    try (InputStream in = RecordedCalls.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No recorded call " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
