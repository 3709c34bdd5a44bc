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
   * Reads {@code frames} frames (after the login answer) and waits until Kafka acknowledged them.
   *
   * @return frames per second from the first byte read to the last acknowledgement
   */
  public static double framesPerSecond(String host, int port, String username, String secret,
      String bootstrapServers, String topic, String key, long frames) throws IOException, InterruptedException {
    AtomicLong acked = new AtomicLong();
    try (Socket socket = new Socket(host, port);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            Map.of("bootstrap.servers", bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
      OutputStream out = socket.getOutputStream();
      out.write(("Action: Login\r\nUsername: " + username + "\r\nSecret: " + secret + "\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      skipBannerAndLoginAnswer(in);
      long begin = System.nanoTime();
      ByteArrayOutputStream frame = new ByteArrayOutputStream(1024);
      long sent = 0;
      while (sent < frames) {
        byte[] line = readLine(in);
        if (line == null) {
          break;
        }
        frame.writeBytes(line);
        if (line.length <= 2) {
          producer.send(new ProducerRecord<>(topic, key, frame.toByteArray()), (m, e) -> acked.incrementAndGet());
          frame.reset();
          sent++;
        }
      }
      producer.flush();
      while (acked.get() < sent) {
        Thread.sleep(1);
      }
      return sent / ((System.nanoTime() - begin) / 1e9);
    }
  }

  private static void skipBannerAndLoginAnswer(InputStream in) throws IOException {
    readLine(in);
    for (byte[] line = readLine(in); line != null && line.length > 2; line = readLine(in)) {
      // the login answer's headers
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
