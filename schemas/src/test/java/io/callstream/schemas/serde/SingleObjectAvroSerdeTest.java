package io.callstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.SampleRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SingleObjectAvroSerdeTest {

  static List<SpecificRecord> records() {
    return SampleRecords.all();
  }

  @ParameterizedTest
  @MethodSource("records")
  void shouldRoundTripEveryTopicRecord(SpecificRecord record) {
    SingleObjectAvroSerde<SpecificRecord> serde = new SingleObjectAvroSerde<>();

    byte[] bytes = serde.serialize("t", record);

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(serde.deserialize("t", bytes)).isEqualTo(record);
  }

  @Test
  void shouldWriteTheSchemaFingerprintAfterTheMarker() {
    byte[] bytes = new SingleObjectAvroSerde<AmiEvent>().serialize("t", SampleRecords.amiEvent());

    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();

    assertThat(fingerprint).isEqualTo(SchemaCatalog.fingerprint(AmiEvent.SCHEMA$));
  }

  @Test
  void shouldReadRecordsWrittenWithAKeptOlderVersion() throws IOException {
    SchemaCatalog catalog = new SchemaCatalog(List.of(AmiEvent.class), "/test-history/");
    Schema old = catalog.history(AmiEvent.SCHEMA$.getFullName()).get(0);
    GenericRecord oldRecord = new GenericData.Record(old);
    oldRecord.put("pbxId", "pbx-old");
    oldRecord.put("connectionId", "c");
    oldRecord.put("sequence", 5L);
    oldRecord.put("receivedAt", 1_000_000L);
    oldRecord.put("pbxTime", null);
    oldRecord.put("kind", new GenericData.EnumSymbol(old.getField("kind").schema(), "EVENT"));
    oldRecord.put("eventName", "Hangup");
    oldRecord.put("headers", List.of());
    oldRecord.put("rawFrame", null);

    AmiEvent read = new SingleObjectAvroSerde<AmiEvent>(catalog)
        .deserialize("t", singleObject(old, oldRecord));

    assertThat(read.getPbxId()).isEqualTo("pbx-old");
    assertThat(read.getKind()).isEqualTo(AmiFrameKind.EVENT);
    assertThat(read.getDroppedFrames()).as("field added later takes its default").isNull();
  }

  @Test
  void shouldRejectUnknownFingerprintsWithAClearMessage() {
    byte[] bytes = new SingleObjectAvroSerde<AmiEvent>().serialize("t", SampleRecords.amiEvent());
    bytes[5] ^= 0x5A;

    assertThatThrownBy(() -> new SingleObjectAvroSerde<AmiEvent>().deserialize("t", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Unknown schema fingerprint");
  }

  @Test
  void shouldRejectBytesWithoutTheMarker() {
    assertThatThrownBy(() -> new SingleObjectAvroSerde<AmiEvent>().deserialize("raw", "{}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("not Avro single-object encoded");
  }

  @Test
  void shouldRefuseARecordOfAnotherTypeThanTheTopicHolds() {
    SingleObjectAvroSerde<CallEvent> serde = new SingleObjectAvroSerde<>();
    serde.configure(Map.of(SingleObjectAvroSerde.RECORD_CLASS_CONFIG, CallEvent.class.getName()), false);
    byte[] amiBytes = new SingleObjectAvroSerde<AmiEvent>().serialize("t", SampleRecords.amiEvent());

    assertThatThrownBy(() -> serde.deserialize("pbx.calls.lifecycle", amiBytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("AmiEvent where io.callstream.schemas.CallEvent was expected");
  }

  @Test
  void shouldPassNullsThroughForTombstones() {
    SingleObjectAvroSerde<AmiEvent> serde = new SingleObjectAvroSerde<>();

    assertThat(serde.serialize("t", null)).isNull();
    assertThat(serde.deserialize("t", null)).isNull();
  }

  private static byte[] singleObject(Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xC3, 0x01});
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(SchemaCatalog.fingerprint(schema)).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
