package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.schemas.ami.RecordedCalls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReplayCommandTest {

  @TempDir
  Path dir;

  @Test
  void shouldPrintLifecycleThenOneSummaryPerCallAsJsonLines() throws Exception {
    Path capture = write("queue_ringall_answered");

    Result r = run("replay", "--format", "json", "--pbx-id", "office", capture.toString());

    assertThat(r.exit).as(r.err).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.out.split("\n")) {
      lines.add(new ObjectMapper().readTree(line));
    }
    JsonNode summary = lines.get(lines.size() - 1);
    assertThat(lines.get(0).get("type").asText()).isEqualTo("started");
    assertThat(summary.get("type").asText()).isEqualTo("summary");
    assertThat(summary.get("callId").asText()).startsWith("office/");
    assertThat(summary.get("direction").asText()).isEqualTo("INBOUND");
    assertThat(summary.get("line").asText()).isEqualTo("74951234400");
    assertThat(summary.get("answeredBy").asText()).isEqualTo("102");
    assertThat(summary.get("disposition").asText()).isEqualTo("ANSWERED");
    assertThat(summary.get("recordingFile").isNull()).isTrue();
  }

  @Test
  void shouldTreatTwoFilesAsTwoSessions() throws Exception {
    Result r = run("replay", "--format", "table", write("inbound_busy").toString(),
        write("outbound_answered").toString());

    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.out).contains("INBOUND  79163334455").contains("BUSY")
        .contains("OUTBOUND").contains("79991234567");
  }

  @Test
  void shouldNameTheFlagWhenAPresetIsUnknown() throws Exception {
    Result r = run("replay", "--preset", "freepbx99", write("inbound_busy").toString());

    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("--preset");
  }

  @Test
  void shouldRefuseFilesTogetherWithTheTopic() throws Exception {
    Result r = run("replay", "--from-topic", write("inbound_busy").toString());

    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("not both");
  }

  private Path write(String scenario) throws Exception {
    Path file = dir.resolve(scenario + ".ami");
    Files.write(file, RecordedCalls.capture(scenario));
    return file;
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CallstreamCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Result(cli.execute(args), out.toString(), err.toString());
  }

  record Result(int exit, String out, String err) {
  }
}
