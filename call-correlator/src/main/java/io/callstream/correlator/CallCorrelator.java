package io.callstream.correlator;

import io.callstream.correlator.config.ConfigException;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.topology.CallCorrelatorTopology;
import io.callstream.correlator.topology.CorrelatorFootprint;
import io.callstream.schemas.streams.LowLatencyStreams;
import io.callstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Wiring for the deploy module: builds the topology and runs it. {@code kafkaProperties} carries
 * the cluster settings ({@code bootstrap.servers} at least, plus security); correlator settings
 * come from {@link CorrelatorConfig}.
 */
public final class CallCorrelator implements AutoCloseable {

  private final KafkaStreams streams;

  private CallCorrelator(KafkaStreams streams) {
    this.streams = streams;
  }

  /** Starts the correlator; fails fast on a bad configuration. */
  public static CallCorrelator start(CorrelatorConfig config, Topics topics,
      Map<String, ?> kafkaProperties) {
    KafkaStreams streams = new KafkaStreams(CallCorrelatorTopology.build(config, topics),
        streamsProperties(config, kafkaProperties));
    streams.start();
    return new CallCorrelator(streams);
  }

  /** The Streams settings: the caller's Kafka settings plus the correlator's own. */
  public static Properties streamsProperties(CorrelatorConfig config,
      Map<String, ?> kafkaProperties) {
    if (kafkaProperties.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
      throw new ConfigException(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "",
          "set it to the Kafka cluster's host:port list");
    }
    Properties p = new Properties();
    p.putAll(kafkaProperties);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    LowLatencyStreams.applyDefaults(p, config.processingGuarantee());
    return p;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Healthy while running or rebalancing; not after an error or shutdown. */
  public boolean healthy() {
    KafkaStreams.State s = streams.state();
    return s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
  }

  /** Bytes and entries of the correlator's state store (a full scan; see the class). */
  public CorrelatorFootprint footprint() {
    return CorrelatorFootprint.of(streams);
  }

  /** The underlying Streams instance, for metrics and state listeners. */
  public KafkaStreams streams() {
    return streams;
  }

  /**
   * Stops gracefully and leaves the group, so a restarted or other instance takes the partitions
   * over at once instead of after session.timeout.ms.
   */
  @Override
  public void close() {
    streams.close(CloseOptions.groupMembershipOperation(
        CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
  }
}
