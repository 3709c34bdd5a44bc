package io.callstream.deploy.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the container and service files without Docker or Kubernetes here: they
 * parse, they run the components the command line has, and they copy the distribution CI builds.
 */
class PackagingFilesTest {

  private static final Path PACKAGING = Path.of("packaging");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void shouldCopyTheDistributionTheBuildProduces() throws Exception {
    String dockerfile = Files.readString(PACKAGING.resolve("Dockerfile"));
    String assembly = Files.readString(Path.of("src/assembly/dist.xml"));

    assertThat(dockerfile).contains("COPY deploy/target/callstream/ /opt/callstream/")
        .contains("ENTRYPOINT [\"/opt/callstream/bin/callstream\"]");
    assertThat(Path.of("src/dist/bin/callstream")).exists();
    assertThat(assembly).contains("<outputDirectory>bin</outputDirectory>")
        .contains("<outputDirectory>lib</outputDirectory>").contains("<format>dir</format>");
    assertThat(Files.readString(Path.of("pom.xml"))).contains("<finalName>callstream</finalName>");
  }

  @Test
  void shouldRunEachComponentInComposeFromTheExampleConfiguration() throws Exception {
    JsonNode compose = YAML.readTree(PACKAGING.resolve("docker-compose.yml").toFile());

    assertThat(compose.path("services").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("kafka", "producer", "correlator", "sink");
    for (String component : List.of("producer", "correlator", "sink")) {
      JsonNode service = compose.path("services").path(component);
      assertThat(service.path("command").toString()).contains("\"run\"").contains("\"" + component + "\"");
      String mount = service.path("volumes").get(0).asText();
      assertThat(PACKAGING.resolve(mount.substring(0, mount.indexOf(':')))).exists();
    }
  }

  @Test
  void shouldDescribeEveryComponentWithProbesInKubernetes() throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class)
        .readValues(PACKAGING.resolve("kubernetes/callstream.yaml").toFile())) {
      it.forEachRemaining(docs::add);
    }

    assertThat(docs).extracting(d -> d.path("kind").asText())
        .contains("Secret", "ConfigMap", "Deployment", "StatefulSet");
    docs.stream().filter(d -> d.path("spec").has("template")).forEach(d -> {
      JsonNode container = d.path("spec").path("template").path("spec").path("containers").get(0);
      assertThat(container.path("args").get(0).asText()).isEqualTo("run");
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
    });
  }

  @Test
  void shouldStopOnSigtermAndNotRestartOnABadConfiguration() throws Exception {
    String unit = Files.readString(PACKAGING.resolve("systemd/callstream@.service"));

    assertThat(unit).contains("ExecStart=/opt/callstream/bin/callstream run --config /etc/callstream/callstream.yaml %i")
        .contains("RestartPreventExitStatus=2").contains("KillSignal=SIGTERM");
  }
}
