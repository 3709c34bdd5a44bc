package io.callstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.AmiEvent;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when a schema changes in a way old or new code cannot read, or changes without
 * its new version being kept (so the decoder would not know the fingerprint).
 */
class SchemaCompatibilityTest {

  static List<Class<? extends SpecificRecord>> topicRecords() {
    return SchemaCatalog.TOPIC_RECORDS;
  }

  @ParameterizedTest
  @MethodSource("topicRecords")
  void shouldBeCompatibleBothWaysWithEveryKeptVersion(Class<? extends SpecificRecord> type) {
    Schema current = SchemaCatalog.currentSchema(type);
    List<Schema> history = SchemaCatalog.defaultCatalog().history(current.getFullName());

    assertThat(history).as("kept versions of %s", current.getName()).isNotEmpty();
    assertThat(SchemaHistoryCheck.problems(current, history)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("topicRecords")
  void shouldKeepTheCurrentSchemaAsTheLatestVersion(Class<? extends SpecificRecord> type) {
    Schema current = SchemaCatalog.currentSchema(type);
    List<Schema> history = SchemaCatalog.defaultCatalog().history(current.getFullName());
    Schema latest = history.get(history.size() - 1);

    assertThat(SchemaNormalization.toParsingForm(latest))
        .as("%s changed: keep the new schema as src/main/resources/io/callstream/schemas/history/"
            + "%s.v%d.avsc (Schema.toString(true) of the generated class)",
            current.getName(), current.getName(), history.size() + 1)
        .isEqualTo(SchemaNormalization.toParsingForm(current));
  }

  @Test
  void shouldReportAnIncompatibleChange() throws IOException {
    Schema incompatible;
    try (InputStream in = getClass().getResourceAsStream("/incompatible/AmiEvent.avsc")) {
      incompatible = new Schema.Parser().parse(in);
    }

    List<String> problems = SchemaHistoryCheck.problems(incompatible,
        SchemaCatalog.defaultCatalog().history(AmiEvent.SCHEMA$.getFullName()));

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).contains("current cannot read records written with AmiEvent v1")
        .contains("tenant");
    assertThat(problems.get(1)).contains("AmiEvent v1 cannot read records written with the current");
  }
}
