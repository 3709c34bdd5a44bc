package io.callstream.correlator.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.schemas.TimeSource;
import io.callstream.schemas.ami.RecordedCalls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFormatsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SUMMARY_FIELDS = List.of("type", "callId", "pbxId",
      "direction", "externalNumber", "line", "extension", "rang", "answeredBy", "finalExtension",
      "transfers", "disposition", "startedAt", "answeredAt", "endedAt", "talkSeconds",
      "totalSeconds", "recordingFile", "linkedids");

  @TempDir
  Path dir;

  private static String[] run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReplayMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)};
  }

  private Path capture(String scenario) throws Exception {
    Path file = dir.resolve(scenario + ".ami");
    Files.write(file, RecordedCalls.capture(scenario));
    return file;
  }

  @Test
  void jsonPrintsLifecycleLinesThenSummariesWithExactlyTheDocumentedFields() throws Exception {
    String[] r = run("--format", "json", "--pbx-id", "office", capture("blind_transfer")
        .toString());
    assertThat(r[0]).isEqualTo("0");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r[1].split("\n")) {
      lines.add(JSON.readTree(line));
    }
    JsonNode summary = lines.get(lines.size() - 1);
    assertThat(lines.subList(0, lines.size() - 1))
        .allSatisfy(l -> assertThat(l.get("type").asText()).isNotEqualTo("summary"));
    List<String> fields = new ArrayList<>();
    Iterator<String> names = summary.fieldNames();
    names.forEachRemaining(fields::add);
    assertThat(fields).containsExactlyElementsOf(SUMMARY_FIELDS);
    assertThat(summary.get("callId").asText()).isEqualTo("office/1795485167.35");
    assertThat(summary.get("startedAt").asText()).isEqualTo("2026-11-24T01:52:47.458+00:00");
    assertThat(summary.get("recordingFile").isNull()).isTrue();
    assertThat(summary.get("transfers").get(0).get("kind").asText()).isEqualTo("BLIND");
    assertThat(summary.get("talkSeconds").asDouble()).isBetween(9.0, 11.0);
    assertThat(lines.get(0).get("type").asText()).isEqualTo("started");
  }

  @Test
  void tableIsForPeople() throws Exception {
    String[] r = run("--format", "table", capture("queue_abandon").toString());
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).contains("ABANDONED").contains("RINGING").contains("reason: caller hung up");
  }

  @Test
  void severalFilesOfOnePbxReplayInOrder() throws Exception {
    String[] r = run("--format", "json", capture("inbound_answered").toString(),
        capture("outbound_busy").toString());
    assertThat(r[1].lines().filter(l -> l.contains("\"type\":\"summary\""))).hasSize(2);
  }

  @Test
  void badFlagsFailWithTheFlagNamed() throws Exception {
    assertThat(run("--preset", "freepbx9", capture("inbound_busy").toString())[2])
        .contains("--preset");
    assertThat(run("--format", "xml", capture("inbound_busy").toString())[2])
        .contains("--format");
    assertThat(run("--trunk", "(", capture("inbound_busy").toString())[2]).contains("--trunk");
    assertThat(run()[0]).isEqualTo("2");
  }

  @Test
  void capturesWithoutTimestampsReplayOnTheReceiveClockAndSaySo() {
    String text = new String(RecordedCalls.capture("inbound_answered"), StandardCharsets.UTF_8)
        .replaceAll("Timestamp: [0-9.]+\r\n", "");
    ReplayResult result = new OfflineReplay(ReplayOptions.defaults().toConfig()).replay("pbx",
        List.of(new ReplayInput("no-ts.ami", text.getBytes(StandardCharsets.UTF_8),
            Instant.parse("2026-11-24T01:51:00Z"))));
    assertThat(result.summaries()).singleElement().satisfies(s -> {
      assertThat(s.getTimeSource()).isEqualTo(TimeSource.RECEIVED);
      assertThat(s.getAnsweredBy()).isEqualTo("101");
      assertThat(s.getStartedAt()).isEqualTo(Instant.parse("2026-11-24T01:51:00Z"));
    });
    assertThat(result.lifecycle()).allSatisfy(e ->
        assertThat(e.getTimeSource()).isEqualTo(TimeSource.RECEIVED));
  }
}
