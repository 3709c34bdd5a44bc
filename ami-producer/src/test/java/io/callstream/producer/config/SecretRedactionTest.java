package io.callstream.producer.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.producer.ami.AmiAction;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {

  private static final String SECRET = "Very-Secret-123";

  @Test
  void shouldNeverPrintTheSecretItself() {
    Secret secret = Secret.of(SECRET);
    assertThat(secret.toString()).isEqualTo(Secret.MASK);
    assertThat(String.valueOf(secret)).doesNotContain(SECRET);
    assertThat(secret.reveal()).isEqualTo(SECRET);
  }

  @Test
  void shouldKeepTheSecretOutOfConfigurationToString() {
    ProducerConfig config = ProducerConfig.fromMap(Map.of(
        "ami.pbx.main.host", "pbx", "ami.pbx.main.username", "crm",
        "ami.pbx.main.secret.env", "S"), Map.of("S", SECRET)::get);
    assertThat(config.toString()).doesNotContain(SECRET).contains(Secret.MASK);
    assertThat(config.pbxs().get(0).toString()).doesNotContain(SECRET);
  }

  @Test
  void shouldNotEchoAnActionValueThatWouldInjectHeaders() {
    try {
      AmiAction.of("Login").header("Key", SECRET + "\r\nAction: Originate");
      throw new AssertionError("expected a refusal");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isEqualTo("Key must be one line without CR/LF").doesNotContain(SECRET);
    }
  }
}
