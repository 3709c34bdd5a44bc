package io.callstream.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.sink.config.SinkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code callstream run} hands the sink about the correlator of the same configuration. */
class DeployConfigTest {

  private static final Path EXAMPLE = Path.of("config/callstream.example.yaml");

  @TempDir
  Path dir;

  @Test
  void shouldPointTheSinkAtTheCorrelatorsGroupWhenTheDefaultIdIsUsed() throws Exception {
    DeployConfig cfg = load(Files.readString(EXAMPLE));

    assertThat(SinkConfig.fromMap(cfg.sinkKeys()).correlatorApplicationId())
        .isEqualTo(CorrelatorConfig.fromMap(cfg.correlatorKeys()).applicationId());
  }

  @Test
  void shouldPointTheSinkAtTheCorrelatorsGroupWhenItsIdIsSet() throws Exception {
    DeployConfig cfg = load(Files.readString(EXAMPLE)
        .replace("correlator:\n", "correlator:\n  application.id: acme-correlator\n"));

    assertThat(CorrelatorConfig.fromMap(cfg.correlatorKeys()).applicationId())
        .isEqualTo("acme-correlator");
    assertThat(SinkConfig.fromMap(cfg.sinkKeys()).correlatorApplicationId())
        .isEqualTo("acme-correlator");
  }

  private DeployConfig load(String yaml) throws Exception {
    Path file = dir.resolve("callstream.yaml");
    Files.writeString(file, yaml);
    return DeployConfig.load(file, Map.of(
        "AMI_SECRET", "s3cret-ami",
        "BITRIX_WEBHOOK_URL", "https://example.bitrix24.ru/rest/1/hooksecret42/",
        "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
        "CALLSTREAM_STATE_DIR", dir.resolve("state").toString()));
  }
}
