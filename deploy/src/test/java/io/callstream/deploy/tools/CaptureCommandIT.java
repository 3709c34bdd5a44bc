package io.callstream.deploy.tools;

import static io.callstream.deploy.tools.InspectCommandIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.deploy.tools.InspectCommandIT.Run;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.ami.AmiCapture;
import io.callstream.schemas.ami.RecordedCalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class CaptureCommandIT {

  @TempDir
  Path dir;

  @Test
  void shouldRecordALiveSessionThatReplaysToTheSameCall() throws Exception {
    Path secret = dir.resolve("secret");
    Files.writeString(secret, "capture-secret\n");
    Path output = dir.resolve("live.ami");
    try (AmiSimulator pbx = AmiSimulator.start(SimulatorConfig.ofScenarios("capturer", "capture-secret",
        List.of("inbound_answered")))) {
      Run record = run("capture", "record", "--host", pbx.host(), "--port", Integer.toString(pbx.port()),
          "--username", "capturer", "--secret-file", secret.toString(), "-o", output.toString(),
          "--duration", "4s");

      assertThat(record.exit()).as(record.err()).isZero();
      assertThat(record.out()).contains("Wrote " + output).contains("callstream replay");
    }
    String bytes = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(bytes).startsWith("Asterisk Call Manager/").contains("Event: Newchannel")
        .contains("Channel: PJSIP/trunk-").doesNotContain("capture-secret");

    Run replay = run("replay", "--format", "json", output.toString());
    assertThat(replay.out()).contains("\"type\":\"summary\"").contains("\"externalNumber\":\"79161234567\"")
        .contains("\"disposition\":\"ANSWERED\"");
  }

  @Test
  void shouldPublishACaptureAsOneSessionOfThePbx(KafkaBroker kafka) throws Exception {
    ToolsFixture f = new ToolsFixture(kafka.bootstrapServers());
    Path file = dir.resolve("busy.ami");
    Files.write(file, RecordedCalls.capture("inbound_busy"));
    int frames = AmiCapture.session(file, "x", "c", Instant.EPOCH).events().size();

    Run publish = run("capture", "publish", file.toString(), "--pbx-id", "office",
        "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", f.prefix);
    Run replay = run("replay", "--from-topic", "--pbx-id", "office", "--format", "table",
        "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", f.prefix);

    assertThat(publish.exit()).as(publish.err()).isZero();
    assertThat(publish.out()).contains("Published " + frames + " records");
    assertThat(replay.out()).contains("79163334455").contains("BUSY");
  }
}
