package io.callstream.correlator.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One store value: the entry's insertion ordinal (8 bytes, so a reloaded PBX iterates in the same
 * order as before) followed by the entry as JSON. JSON stays readable in the changelog and ignores
 * fields it does not know.
 */
final class EntryCodec<T> {

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Class<T> type;
  private final ObjectWriter writer;
  private final ObjectReader reader;

  EntryCodec(Class<T> type) {
    this.type = type;
    this.writer = JSON.writerFor(type);
    this.reader = JSON.readerFor(type);
  }

  Class<T> type() {
    return type;
  }

  byte[] encode(long ordinal, T value) {
    try {
      byte[] json = writer.writeValueAsBytes(value);
      return ByteBuffer.allocate(Long.BYTES + json.length).putLong(ordinal).put(json).array();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long ordinal(byte[] bytes) {
    return ByteBuffer.wrap(bytes, 0, Long.BYTES).getLong();
  }

  T decode(byte[] bytes) {
    try {
      return reader.readValue(Arrays.copyOfRange(bytes, Long.BYTES, bytes.length));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
