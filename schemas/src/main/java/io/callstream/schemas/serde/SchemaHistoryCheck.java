package io.callstream.schemas.serde;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Full (backward and forward) compatibility of a schema with every kept version: new code must read
 * old records (a replay of the raw log written last year) and old code must read new records (a
 * rolling upgrade where producers are upgraded first).
 */
public final class SchemaHistoryCheck {

  private SchemaHistoryCheck() {
  }

  /** One line per incompatibility, naming the version and the direction; empty when compatible. */
  public static List<String> problems(Schema current, List<Schema> history) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      Schema kept = history.get(i);
      String version = current.getName() + " v" + (i + 1);
      check(current, kept, "current cannot read records written with " + version, problems);
      check(kept, current, version + " cannot read records written with the current schema", problems);
    }
    return problems;
  }

  private static void check(Schema reader, Schema writer, String what, List<String> problems) {
    SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      problems.add(what + ": " + result.getResult().getIncompatibilities());
    }
  }
}
