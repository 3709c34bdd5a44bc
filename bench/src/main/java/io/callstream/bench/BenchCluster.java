package io.callstream.bench;

import io.callstream.kafka.embedded.EmbeddedKafkaBroker;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.TopicProvisioner;
import io.callstream.schemas.topics.Topics;
import io.callstream.schemas.topics.ValueSerdeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The one embedded broker of a bench run, and what the measurements ask of it: fresh topics per
 * measurement (a new prefix, so no run sees another's records), offsets, and reading topics back.
 */
final class BenchCluster implements AutoCloseable {

  private final String bootstrapServers;
  private final Path dataDir;
  private final AutoCloseable owned;
  private final Admin admin;
  private final AtomicInteger sequence = new AtomicInteger();

  private BenchCluster(String bootstrapServers, Path dataDir, AutoCloseable owned) {
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
    this.owned = owned;
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
  }

  static BenchCluster start() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    return new BenchCluster(broker.bootstrapServers(), broker.dataDir(), broker);
  }

  /** Uses a broker someone else runs (a test's shared broker); closing leaves it running. */
  static BenchCluster using(String bootstrapServers) throws IOException {
    return new BenchCluster(bootstrapServers, Files.createTempDirectory("callstream-bench"), null);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  Map<String, Object> kafka() {
    return Map.of("bootstrap.servers", bootstrapServers());
  }

  Admin admin() {
    return admin;
  }

  /** All CallStream topics under a new prefix, created with {@code partitions} partitions. */
  Topics freshTopics(String name, int partitions) throws Exception {
    Topics topics = new Topics("bench" + sequence.incrementAndGet() + "-" + name + ".",
        ValueSerdeFactory.defaults());
    new TopicProvisioner(admin).createMissing(topics, partitions, (short) 1);
    return topics;
  }

  /**
   * Makes the broker stamp records of these topics with their append time, so a record's
   * timestamp says when it became readable (the latency phase splits a latency into hops by it).
   */
  void stampAppendTime(String... topics) throws Exception {
    Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
    for (String t : topics) {
      ops.put(new ConfigResource(ConfigResource.Type.TOPIC, t), List.of(new AlterConfigOp(
          new ConfigEntry("message.timestamp.type", "LogAppendTime"), AlterConfigOp.OpType.SET)));
    }
    admin.incrementalAlterConfigs(ops).all().get(30, TimeUnit.SECONDS);
  }

  String createTopic(String name, int partitions) throws Exception {
    String topic = "bench" + sequence.incrementAndGet() + "-" + name;
    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    return topic;
  }

  String newId(String name) {
    return "bench" + sequence.incrementAndGet() + "-" + name;
  }

  Path stateDir(String name) throws IOException {
    return Files.createDirectories(dataDir.resolve("bench-state").resolve(newId(name)));
  }

  Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
    List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
        .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    Map<TopicPartition, OffsetSpec> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, OffsetSpec.latest()));
    Map<TopicPartition, Long> end = new HashMap<>();
    admin.listOffsets(query).all().get(30, TimeUnit.SECONDS)
        .forEach((p, info) -> end.put(p, info.offset()));
    return end;
  }

  long records(String topic) throws Exception {
    return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Sum of the group's committed offsets on the topic: how far a Streams application has read. */
  long committed(String group, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    long sum = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
      if (e.getKey().topic().equals(topic) && e.getValue() != null) {
        sum += e.getValue().offset();
      }
    }
    return sum;
  }

  /** Waits until {@code group} has committed everything in {@code topic}; false on timeout. */
  boolean awaitCaughtUp(String group, String topic, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (committed(group, topic) >= records(topic)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** Every record of a topic (read_committed), decoded with the topic's serdes. */
  <V> List<ConsumerRecord<String, V>> readAll(TopicDescriptor<String, V> topic, Duration timeout)
      throws Exception {
    return readAll(topic.name(), topic.valueSerde().deserializer(), timeout);
  }

  /** Every record of a topic with raw values (for sizes). */
  List<ConsumerRecord<String, byte[]>> readAllBytes(String topic, Duration timeout) throws Exception {
    return readAll(topic, new ByteArrayDeserializer(), timeout);
  }

  private <V> List<ConsumerRecord<String, V>> readAll(String topic, Deserializer<V> values,
      Duration timeout) throws Exception {
    Map<TopicPartition, Long> end = endOffsets(topic);
    Map<String, Object> props = new HashMap<>(kafka());
    props.put("isolation.level", "read_committed");
    props.put("max.poll.records", 5000);
    List<ConsumerRecord<String, V>> all = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props,
        new org.apache.kafka.common.serialization.StringDeserializer(), values)) {
      Set<TopicPartition> partitions = end.keySet();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!reached(consumer, end) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(all::add);
      }
    }
    return all;
  }

  private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("stopping the embedded broker failed", e);
      }
    }
  }
}
