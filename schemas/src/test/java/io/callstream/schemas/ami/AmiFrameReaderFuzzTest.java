package io.callstream.schemas.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and damaged input: the reader never throws, and every byte fed in comes out again, in
 * order, in a frame or an invalid frame (only the tail of an oversized frame is counted instead
 * of kept).
 */
class AmiFrameReaderFuzzTest {

  private static final int RUNS = 3000;
  private static final byte[] SAMPLE = RecordedCalls.capture("attended_transfer_refer");

  @Test
  void shouldAccountForEveryByteOfRandomAndDamagedInput() {
    for (int seed = 0; seed < RUNS; seed++) {
      Random random = new Random(seed);
      byte[] input = seed % 3 == 0 ? randomBytes(random) : damagedCapture(random);
      int limit = 64 + random.nextInt(4096);

      Pieces pieces = feedInRandomChunks(input, limit, random);

      assertThat(pieces.accounted).as("bytes accounted for, seed %d", seed).isEqualTo(input.length);
      if (!pieces.keptOnlyAPrefix) {
        assertThat(pieces.out.toByteArray()).as("bytes in order, seed %d", seed).isEqualTo(input);
      }
    }
  }

  private static Pieces feedInRandomChunks(byte[] input, int limit, Random random) {
    Pieces pieces = new Pieces();
    AmiFrameReader reader = new AmiFrameReader(limit, pieces);
    int pos = 0;
    while (pos < input.length) {
      int n = Math.min(input.length - pos, 1 + random.nextInt(random.nextBoolean() ? 8 : 9000));
      reader.feed(input, pos, n);
      pos += n;
    }
    reader.endOfStream();
    return pieces;
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(5000)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] damagedCapture(Random random) {
    int from = random.nextInt(SAMPLE.length);
    int to = Math.min(SAMPLE.length, from + random.nextInt(20_000));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      int dice = random.nextInt(1000);
      if (dice == 0) {
        out.write(random.nextInt(256));
      } else if (dice == 1 && SAMPLE[i] == '\r') {
        continue;
      } else if (dice == 2) {
        out.write(0);
      } else if (dice == 3) {
        out.writeBytes("no colon here\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      out.write(SAMPLE[i]);
    }
    return out.toByteArray();
  }

  private static final class Pieces implements AmiFrameListener {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    long accounted;
    boolean keptOnlyAPrefix;

    @Override
    public void onFrame(AmiFrame frame) {
      byte[] bytes = AmiEvents.frameBytes(AmiEvents.fromFrame(frame, "p", "c", 0, Instant.EPOCH));
      out.writeBytes(bytes);
      accounted += bytes.length;
    }

    @Override
    public void onInvalid(InvalidFrame invalid) {
      out.writeBytes(invalid.bytes());
      accounted += invalid.originalLength();
      keptOnlyAPrefix |= invalid.bytes().length < invalid.originalLength();
    }
  }
}
