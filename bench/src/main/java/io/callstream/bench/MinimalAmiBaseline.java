package io.callstream.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer's baseline: log in with a plain-text Login, split the stream on empty lines, and
 * send each frame's bytes with a default-settings Kafka producer. No markers, no sequence numbers,
 * no schema, no hand-off: the least a raw AMI-to-Kafka bridge can do.
 */
public final class MinimalAmiBaseline {

  private MinimalAmiBaseline() {
  }

  /**
   * Reads frames (after the login answer) until {@code frames} were read or the PBX stayed silent
   * for {@code idle}, and waits until Kafka acknowledged them.
   *
   * @return frames per second from the first byte read to the last acknowledgement
   */
  public static double framesPerSecond(String host, int port, String username, String secret,
      String bootstrapServers, String topic, String key, long frames, java.time.Duration idle)
      throws IOException, InterruptedException {
    AtomicLong acked = new AtomicLong();
    AtomicLong lastAck = new AtomicLong();
    try (Socket socket = new Socket(host, port);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
      OutputStream out = socket.getOutputStream();
      out.write(("Action: Login\r\nUsername: " + username + "\r\nSecret: " + secret + "\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      skipBannerAndLoginAnswer(in);
      socket.setSoTimeout((int) idle.toMillis());
      long begin = System.nanoTime();
      ByteArrayOutputStream frame = new ByteArrayOutputStream(1024);
      long sent = 0;
      while (sent < frames) {
        byte[] line = readLineOrNullWhenIdle(in);
        if (line == null) {
          break;
        }
        frame.writeBytes(line);
        if (line.length <= 2) {
          producer.send(new ProducerRecord<>(topic, key, frame.toByteArray()), (m, e) -> {
            lastAck.set(System.nanoTime());
            acked.incrementAndGet();
          });
          frame.reset();
          sent++;
        }
      }
      producer.flush();
      long deadline = System.nanoTime() + idle.toNanos() * 10;
      while (acked.get() < sent && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      return sent / ((lastAck.get() - begin) / 1e9);
    }
  }

  private static void skipBannerAndLoginAnswer(InputStream in) throws IOException {
    readLine(in);
    byte[] line = readLine(in);
    while (line != null && line.length > 2) {
      line = readLine(in);
    }
  }

  /** The silence after the replay ended is the end of the input, not an error. */
  private static byte[] readLineOrNullWhenIdle(InputStream in) throws IOException {
    try {
      return readLine(in);
    } catch (java.net.SocketTimeoutException e) {
      return null;
    }
  }

  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    for (int b = in.read(); b >= 0; b = in.read()) {
      line.write(b);
      if (b == '\n') {
        return line.toByteArray();
      }
    }
    return line.size() == 0 ? null : line.toByteArray();
  }
}
