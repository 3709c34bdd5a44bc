package io.callstream.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (marker {@code C3 01}, the writer schema's 8-byte little-endian
 * fingerprint, then Avro binary), the default value serde. No registry is needed: the writer
 * schema is found by fingerprint among the current and kept historic schemas of
 * {@link SchemaCatalog}, and resolved to the current schema of the same record.
 *
 * <p>Configured like any Kafka serde; {@link #RECORD_CLASS_CONFIG} names the record class the
 * topic holds, so a record of another type on the topic is a clear error rather than a cast failure
 * somewhere downstream.
 */
public final class SingleObjectAvroSerde<T extends SpecificRecord>
    implements Serde<T>, Serializer<T>, Deserializer<T> {

  /** The fully qualified class of the record the topic holds. */
  public static final String RECORD_CLASS_CONFIG = "callstream.serde.record.class";

  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;
  private static final int HEADER_LENGTH = 10;

  private final SchemaCatalog catalog;
  private final Map<Long, DatumReader<Object>> readers = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final Map<Schema, byte[]> headers = new ConcurrentHashMap<>();
  private Class<?> expected;

  public SingleObjectAvroSerde() {
    this(SchemaCatalog.defaultCatalog());
  }

  SingleObjectAvroSerde(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Object type = configs.get(RECORD_CLASS_CONFIG);
    if (type instanceof Class<?> c) {
      expected = c;
    } else if (type != null) {
      try {
        expected = Class.forName(type.toString());
      } catch (ClassNotFoundException e) {
        throw new IllegalArgumentException(RECORD_CLASS_CONFIG + " names an unknown class: " + type, e);
      }
    }
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    Schema schema = record.getSchema();
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.writeBytes(headers.computeIfAbsent(schema, SingleObjectAvroSerde::header));
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    try {
      writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)))
          .write(record, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot encode " + schema.getFullName() + " for topic " + topic, e);
    }
    return out.toByteArray();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < HEADER_LENGTH || data[0] != MARKER_0 || data[1] != MARKER_1) {
      throw new SerializationException("Record on topic " + topic
          + " is not Avro single-object encoded (no C3 01 marker); was it written by another serde?");
    }
    long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    DatumReader<Object> reader = readers.computeIfAbsent(fingerprint, this::readerFor);
    BinaryDecoder decoder = DecoderFactory.get()
        .binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH, null);
    Object value;
    try {
      value = reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Cannot decode a record on topic " + topic, e);
    }
    if (expected != null && !expected.isInstance(value)) {
      throw new SerializationException("Topic " + topic + " holds " + value.getClass().getName()
          + " where " + expected.getName() + " was expected");
    }
    return (T) value;
  }

  private DatumReader<Object> readerFor(long fingerprint) {
    Schema writer = catalog.writerSchema(fingerprint).orElseThrow(() -> new SerializationException(
        "Unknown schema fingerprint " + Long.toHexString(fingerprint)
            + ": the record was written by a CallStream version whose schema this one does not keep"));
    Schema reader = catalog.currentSchema(writer.getFullName()).orElse(writer);
    return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
  }

  private static byte[] header(Schema schema) {
    ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(MARKER_0).put(MARKER_1).putLong(SchemaCatalog.fingerprint(schema));
    return buffer.array();
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void close() {
    // Nothing to release: caches are plain maps.
  }
}
