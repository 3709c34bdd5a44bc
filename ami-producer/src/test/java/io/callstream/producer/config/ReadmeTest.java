package io.callstream.producer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** An undocumented configuration key fails the build. */
class ReadmeTest {

  @Test
  void shouldDocumentEveryConfigurationKeyWithItsDefaultInTheReadme() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (ConfigKey key : ConfigKeys.GLOBAL) {
      // An empty default is documented as "(empty = <what it means>)".
      String row = "| `" + key.name() + "` | "
          + (key.defaultValue().isEmpty() ? "(empty = " : key.defaultValue() + " |");
      assertThat(readme).as(key.name()).contains(row);
    }
    for (ConfigKey key : ConfigKeys.PER_PBX) {
      assertThat(readme).as(key.name()).contains("| `" + key.name() + "` |");
    }
  }
}
