package io.callstream.schemas.streams;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Streams settings for the hops an agent waits on (the correlator's lifecycle, the sink's
 * planner): the card on the screen waits for them, so latency beats Streams' batch-friendly
 * defaults (measured in the bench's latency ladder). Producers linger 5 ms, not 100; an idle
 * thread polls every 10 ms, not 100; under exactly-once, whose output is readable only once its
 * transaction commits, a commit every 20 ms, not 100. Settings the operator passes win.
 */
public final class LowLatencyStreams {

  private LowLatencyStreams() {
  }

  /** Adds the defaults to {@code p} where it has no setting of its own. */
  public static void applyDefaults(Properties p, String processingGuarantee) {
    if (!p.containsKey(ProducerConfig.LINGER_MS_CONFIG)) {
      p.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
    }
    p.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, "10");
    if (!StreamsConfig.AT_LEAST_ONCE.equals(processingGuarantee)) {
      p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "20");
    }
  }
}
