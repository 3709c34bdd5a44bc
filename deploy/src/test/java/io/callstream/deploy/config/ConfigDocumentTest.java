package io.callstream.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigDocumentTest {

  private static final Set<String> SECTIONS = Set.of("kafka", "pbxs", "portals");

  @Test
  void shouldFlattenSectionsIntoDottedKeys() throws Exception {
    ConfigDocument doc = parse("""
        kafka:
          bootstrap.servers: k1:9092
          security: {protocol: SASL_SSL}
        pbxs:
          office:
            host: 10.0.0.5
            trunks: [PJSIP/trunk-.*, PJSIP/sip-.*]
          branch:
            host: 10.0.1.5
        """, Map.of());

    assertThat(doc.section("kafka")).containsEntry("bootstrap.servers", "k1:9092")
        .containsEntry("security.protocol", "SASL_SSL");
    assertThat(doc.children("pbxs")).containsExactly("office", "branch");
    assertThat(doc.child("pbxs", "office")).containsEntry("host", "10.0.0.5")
        .containsEntry("trunks", "PJSIP/trunk-.*,PJSIP/sip-.*");
  }

  @Test
  void shouldSubstituteEnvironmentVariablesAndDefaults() throws Exception {
    ConfigDocument doc = parse("""
        pbxs:
          office:
            secret: ${AMI_SECRET}
            port: ${AMI_PORT:-5038}
            literal: $${NOT_A_VAR}
        """, Map.of("AMI_SECRET", "s3cret"));

    assertThat(doc.child("pbxs", "office")).containsEntry("secret", "s3cret")
        .containsEntry("port", "5038").containsEntry("literal", "${NOT_A_VAR}");
  }

  @Test
  void shouldNameTheKeyAndTheFixWhenASecretIsMissing() {
    assertThatThrownBy(() -> parse("pbxs:\n  office:\n    secret: ${AMI_SECRET}\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pbxs.office.secret: environment variable AMI_SECRET is not set");
  }

  @Test
  void shouldRefuseAMisspeltSectionWithASuggestion() {
    assertThatThrownBy(() -> parse("portal:\n  main: {}\n", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("portal: unknown section (did you mean 'portals'?)");
  }

  private static ConfigDocument parse(String yaml, Map<String, String> env) throws Exception {
    return ConfigDocument.from(new ObjectMapper(new YAMLFactory()).readTree(yaml), SECTIONS, env);
  }
}
