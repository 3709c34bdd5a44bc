package io.callstream.correlator.bench;

import static org.awaitility.Awaitility.await;

import io.callstream.correlator.CallCorrelator;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.topology.CorrelatorFootprint;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import io.callstream.schemas.topics.ValueSerdeFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measurement, not a test (nothing timed is asserted): raw events/s of the correlator against a
 * pass-through Streams application (groupByKey + aggregate into a persistent RocksDB store, record
 * cache off, one output per input) over the same raw topic, alternating, several rounds; logs each
 * round and the medians. Off unless {@code -Dcorrelator.bench=true}; see the README for the
 * command and the other knobs ({@code correlator.bench.copies}, {@code .pbxs}, {@code .rounds},
 * {@code .guarantee}).
 */
@ExtendWith(KafkaBrokerExtension.class)
@EnabledIfSystemProperty(named = "correlator.bench", matches = "true")
class CorrelatorThroughputBenchIT {

  private static final Logger LOG = LoggerFactory.getLogger("bench");

  @Test
  void correlatorAgainstPassThrough(KafkaBroker kafka) throws Exception {
    int copies = Integer.getInteger("correlator.bench.copies", 400);
    int pbxs = Integer.getInteger("correlator.bench.pbxs", 10);
    int rounds = Integer.getInteger("correlator.bench.rounds", 3);
    String guarantee = System.getProperty("correlator.bench.guarantee", "exactly_once_v2");
    Topics topics = new Topics("bench-" + UUID.randomUUID() + ".", ValueSerdeFactory.defaults());
    createTopics(kafka, topics);
    List<AmiEvent> input = BenchInput.captures(copies, pbxs);
    produce(kafka, topics.amiEvents(), input);
    LOG.info("input: {} raw events ({} copies of the captures over {} PBXs), guarantee {}",
        input.size(), copies, pbxs, guarantee);

    List<Double> passThrough = new ArrayList<>();
    List<Double> correlator = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      double base = run(kafka, topics, input.size(), guarantee, false,
          props -> new KafkaStreams(passThrough(topics), props));
      passThrough.add(base);
      double corr = run(kafka, topics, input.size(), guarantee, true, props -> {
        CorrelatorConfig config = CorrelatorConfig.fromMap(Map.of(
            CorrelatorConfig.APPLICATION_ID, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
            CorrelatorConfig.PROCESSING_GUARANTEE, guarantee));
        Map<String, Object> kafkaProps = new HashMap<>();
        props.forEach((k, v) -> kafkaProps.put((String) k, v));
        return new KafkaStreams(io.callstream.correlator.topology.CallCorrelatorTopology
            .build(config, topics), CallCorrelator.streamsProperties(config, kafkaProps));
      });
      correlator.add(corr);
      LOG.info("round {}: pass-through {} events/s, correlator {} events/s, ratio {}", round,
          Math.round(base), Math.round(corr), String.format("%.2f", corr / base));
    }
    LOG.info("median: pass-through {} events/s, correlator {} events/s, ratio {}",
        Math.round(median(passThrough)), Math.round(median(correlator)),
        String.format("%.2f", median(correlator) / median(passThrough)));
  }

  /** Runs one application over the whole topic; raw events/s from RUNNING to all committed. */
  private static double run(KafkaBroker kafka, Topics topics, int count, String guarantee,
      boolean correlator, Function<Properties, KafkaStreams> create) throws Exception {
    String appId = "bench-" + UUID.randomUUID();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench").toString());
    props.put("consumer.auto.offset.reset", "earliest");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        KafkaStreams streams = create.apply(props)) {
      TopicPartition tp = new TopicPartition(topics.amiEvents().name(), 0);
      long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).all().get().get(tp).offset();
      streams.start();
      await().atMost(Duration.ofSeconds(60))
          .until(() -> streams.state() == KafkaStreams.State.RUNNING);
      long started = System.nanoTime();
      await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
          .until(() -> committed(admin, appId, tp) >= end);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (correlator) {
        LOG.info("correlator state after the run: {}", CorrelatorFootprint.of(streams));
      }
      streams.close(Duration.ofSeconds(30));
      return count / seconds;
    }
  }

  private static long committed(Admin admin, String group, TopicPartition tp) throws Exception {
    OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get().get(tp);
    return offset == null ? -1 : offset.offset();
  }

  private static Topology passThrough(Topics topics) {
    TopicDescriptor<String, AmiEvent> in = topics.amiEvents();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(in.name(), Consumed.with(in.keySerde(), in.valueSerde()))
        .groupByKey(Grouped.with(in.keySerde(), in.valueSerde()))
        .aggregate(() -> 0L, (key, event, count) -> count + 1,
            Materialized.<String, Long>as(Stores.persistentKeyValueStore("pass-through"))
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long())
                .withCachingDisabled())
        .toStream()
        .to(topics.callSummary().name() + ".pass-through",
            Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  private static void createTopics(KafkaBroker kafka, Topics topics) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topics.amiEvents().name(), 1, (short) 1),
          new NewTopic(topics.callLifecycle().name(), 1, (short) 1),
          new NewTopic(topics.callSummary().name(), 1, (short) 1),
          new NewTopic(topics.callSummary().name() + ".pass-through", 1, (short) 1)))
          .all().get();
      await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of(
              topics.amiEvents().name())).allTopicNames().get()
          .values().stream().flatMap(d -> d.partitions().stream())
          .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }
  }

  private static void produce(KafkaBroker kafka, TopicDescriptor<String, AmiEvent> topic,
      List<AmiEvent> events) throws Exception {
    try (KafkaProducer<String, AmiEvent> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (AmiEvent e : events) {
        long time = (e.getPbxTime() != null ? e.getPbxTime() : e.getReceivedAt()).toEpochMilli();
        sent.add(producer.send(new ProducerRecord<>(topic.name(), 0, time, e.getPbxId(), e)));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> f : sent) {
        f.get();
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
