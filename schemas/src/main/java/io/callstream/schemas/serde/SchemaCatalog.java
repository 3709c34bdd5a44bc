package io.callstream.schemas.serde;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.InvalidAmiFrame;
import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.PbxCommandExecution;
import io.callstream.schemas.PbxCommandRejection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every top-level record schema CallStream writes, in its current version and in every historic
 * version kept under {@code io/callstream/schemas/history/<Name>.v<N>.avsc}. The serde looks
 * writer schemas up here by fingerprint, so records written by any kept version stay readable.
 */
public final class SchemaCatalog {

  /** The records that are values of a topic; each has a history. */
  public static final List<Class<? extends SpecificRecord>> TOPIC_RECORDS = List.of(
      AmiEvent.class, InvalidAmiFrame.class, CallEvent.class, CallSummary.class,
      BitrixCommand.class, BitrixOutcome.class, BitrixDeadLetter.class, PbxCommand.class,
      PbxCommandExecution.class, PbxCommandRejection.class);

  private static final String HISTORY_ROOT = "/io/callstream/schemas/history/";
  private static final SchemaCatalog DEFAULT = new SchemaCatalog(TOPIC_RECORDS, HISTORY_ROOT);

  private final Map<String, Schema> currentByName = new HashMap<>();
  private final Map<String, List<Schema>> historyByName = new LinkedHashMap<>();
  private final Map<Long, Schema> writerByFingerprint = new HashMap<>();

  /**
   * @param historyRoot class-path folder holding {@code <Name>.v<N>.avsc} files
   */
  SchemaCatalog(List<Class<? extends SpecificRecord>> records, String historyRoot) {
    for (Class<? extends SpecificRecord> type : records) {
      Schema current = currentSchema(type);
      currentByName.put(current.getFullName(), current);
      writerByFingerprint.put(fingerprint(current), current);
      List<Schema> history = loadHistory(historyRoot, current.getName());
      historyByName.put(current.getFullName(), history);
      history.forEach(h -> writerByFingerprint.put(fingerprint(h), h));
    }
  }

  public static SchemaCatalog defaultCatalog() {
    return DEFAULT;
  }

  /** The CRC-64-AVRO fingerprint of the schema's parsing canonical form, as single-object encoding uses. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  public static Schema currentSchema(Class<? extends SpecificRecord> type) {
    try {
      return (Schema) type.getField("SCHEMA$").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(type.getName() + " is not an Avro-generated record", e);
    }
  }

  public Optional<Schema> writerSchema(long fingerprint) {
    return Optional.ofNullable(writerByFingerprint.get(fingerprint));
  }

  public Optional<Schema> currentSchema(String fullName) {
    return Optional.ofNullable(currentByName.get(fullName));
  }

  /** Kept versions of a record, oldest first. */
  public List<Schema> history(String fullName) {
    return historyByName.getOrDefault(fullName, List.of());
  }

  public Map<String, Schema> currentSchemas() {
    return Collections.unmodifiableMap(currentByName);
  }

  static List<Schema> loadHistory(String historyRoot, String simpleName) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String resource = historyRoot + simpleName + ".v" + version + ".avsc";
      try (InputStream in = SchemaCatalog.class.getResourceAsStream(resource)) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read kept schema " + resource, e);
      }
    }
  }
}
