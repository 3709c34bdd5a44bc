package io.callstream.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.config.CorrelatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The topology's description is checked in: renaming a processor, a store or a topic by accident
 * changes internal topic names and loses state on upgrade. To accept an intended change, run with
 * {@code -Dsnapshot.update=true} and commit the file.
 */
class TopologyDescriptionSnapshotTest {

  private static final String SNAPSHOT = "topology-description.txt";

  @Test
  void matchesTheCheckedInDescription() throws IOException {
    String actual = CallCorrelatorTopology.build(CorrelatorConfig.defaults()).describe()
        .toString();
    if (Boolean.getBoolean("snapshot.update")) {
      Files.writeString(Path.of("src/test/resources", SNAPSHOT), actual, StandardCharsets.UTF_8);
    }
    try (InputStream in = getClass().getResourceAsStream("/" + SNAPSHOT)) {
      assertThat(in).as("snapshot " + SNAPSHOT + " (create it with -Dsnapshot.update=true)")
          .isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
