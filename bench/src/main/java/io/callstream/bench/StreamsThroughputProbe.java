package io.callstream.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Measures how fast a Streams application consumes a topic that is already full: from the moment
 * it is RUNNING (start-up and the first rebalance are not throughput) until its committed offsets
 * reach the end offsets seen at start. The same probe runs the correlator and its baseline, so
 * both are timed the same way.
 */
public final class StreamsThroughputProbe {

  private final String bootstrapServers;

  public StreamsThroughputProbe(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * @return records per second over the whole input
   * @param settings Streams settings on top of the probe's own (application id, commit interval)
   */
  public double recordsPerSecond(Topology topology, String applicationId, String input,
      Map<String, Object> settings, Duration timeout) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      Map<TopicPartition, Long> end = endOffsets(admin, input);
      long total = end.values().stream().mapToLong(Long::longValue).sum();
      Properties props = new Properties();
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
      props.put(StreamsConfig.STATE_DIR_CONFIG,
          java.nio.file.Files.createTempDirectory("bench-" + applicationId).toString());
      props.put("consumer.auto.offset.reset", "earliest");
      props.putAll(settings);
      java.util.concurrent.atomic.AtomicLong running = new java.util.concurrent.atomic.AtomicLong();
      long deadline = System.nanoTime() + timeout.toNanos();
      try (KafkaStreams streams = new KafkaStreams(topology, props)) {
        streams.setStateListener((now, before) -> {
          if (now == KafkaStreams.State.RUNNING) {
            running.compareAndSet(0, System.nanoTime());
          }
        });
        streams.start();
        while (committed(admin, applicationId, end.keySet()) < total) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(applicationId + " did not consume " + total
                + " records within " + timeout);
          }
          Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - running.get()) / 1e9;
        streams.close(Duration.ofSeconds(30));
        streams.cleanUp();
        return total / seconds;
      }
    }
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
    List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
        .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    Map<TopicPartition, OffsetSpec> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, OffsetSpec.latest()));
    Map<TopicPartition, Long> end = new HashMap<>();
    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
        : admin.listOffsets(query).all().get(30, TimeUnit.SECONDS).entrySet()) {
      end.put(e.getKey(), e.getValue().offset());
    }
    return end;
  }

  private static long committed(Admin admin, String group, java.util.Set<TopicPartition> partitions)
      throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    long sum = 0;
    for (TopicPartition p : partitions) {
      OffsetAndMetadata o = offsets.get(p);
      sum += o == null ? 0 : o.offset();
    }
    return sum;
  }
}
