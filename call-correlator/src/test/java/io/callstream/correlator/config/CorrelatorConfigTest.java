package io.callstream.correlator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.correlator.dialplan.DialplanPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorrelatorConfigTest {

  @Test
  void defaultsAreExactlyOnceAndAFourHourTimeout() {
    CorrelatorConfig c = CorrelatorConfig.defaults();
    assertThat(c.processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(c.callTimeout()).isEqualTo(Duration.ofHours(4));
    assertThat(c.dialplan().preset()).isEqualTo(DialplanPreset.AUTO);
    assertThat(c.applicationId()).isEqualTo("callstream-correlator");
  }

  @Test
  void readsEveryKeyIncludingPerPbxOverrides() {
    CorrelatorConfig c = CorrelatorConfig.fromMap(Map.of(
        CorrelatorConfig.CALL_TIMEOUT_MS, "600000",
        CorrelatorConfig.PRESET, "freepbx16",
        CorrelatorConfig.TRUNK_PATTERNS, "PJSIP/trunk-.*, SIP/carrier-.*",
        "correlator.pbx.office-2.dialplan.preset", "freepbx17",
        "correlator.pbx.office-2.dialplan.extension.patterns", "PJSIP/(\\d+)-.*"));
    assertThat(c.callTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.dialplan().trunkPatterns()).hasSize(2);
    assertThat(c.dialplanFor("office-1").preset()).isEqualTo(DialplanPreset.FREEPBX16);
    assertThat(c.dialplanFor("office-2").preset()).isEqualTo(DialplanPreset.FREEPBX17);
    assertThat(c.dialplanFor("office-2").extensionPatterns()).hasSize(1);
    assertThat(c.dialplanFor("office-2").trunkPatterns()).as("inherited").hasSize(2);
  }

  @Test
  void failsFastNamingTheKeyAndTheFix() {
    assertThatThrownBy(() -> CorrelatorConfig.fromMap(Map.of(
        CorrelatorConfig.CALL_TIMEOUT_MS, "ten minutes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("correlator.call.timeout.ms").hasMessageContaining("whole number");
    assertThatThrownBy(() -> CorrelatorConfig.fromMap(Map.of(CorrelatorConfig.CALL_TIMEOUT_MS,
        "10"))).hasMessageContaining("at least 1000");
    assertThatThrownBy(() -> CorrelatorConfig.fromMap(Map.of(CorrelatorConfig.PRESET,
        "freepbx18"))).hasMessageContaining("correlator.dialplan.preset")
        .hasMessageContaining("freepbx17");
    assertThatThrownBy(() -> CorrelatorConfig.fromMap(Map.of(CorrelatorConfig.TRUNK_PATTERNS,
        "PJSIP/(trunk"))).hasMessageContaining("not a valid regular expression");
    assertThatThrownBy(() -> CorrelatorConfig.fromMap(Map.of(
        CorrelatorConfig.PROCESSING_GUARANTEE, "exactly_once")))
        .hasMessageContaining("exactly_once_v2");
    assertThatThrownBy(() -> CorrelatorConfig.fromMap(Map.of("correlator.call.timeout", "5")))
        .hasMessageContaining("unknown key");
  }

  @Test
  void everyKeyIsDocumentedInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (ConfigKey key : CorrelatorConfig.KEYS) {
      assertThat(readme).as("README documents " + key.name()).contains("`" + key.name() + "`");
    }
  }
}
