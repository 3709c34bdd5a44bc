package io.callstream.correlator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.ami.NoiseFilter;
import io.callstream.correlator.machine.CallStateMachine;
import io.callstream.correlator.state.PbxState;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import io.callstream.schemas.topics.ValueSerdeFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a real broker with exactly_once_v2: replaying the same raw records twice, and once with a
 * restart in the middle, gives byte-identical lifecycle output.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CallCorrelatorIT {

  private static final List<String> SCENARIOS = List.of("queue_ringall_answered",
      "attended_transfer_refer", "blind_transfer");

  @Test
  void sameRawRecordsGiveByteIdenticalLifecycleAlsoAcrossARestart(KafkaBroker kafka)
      throws Exception {
    List<AmiEvent> input = new ArrayList<>();
    for (String scenario : SCENARIOS) {
      input.addAll(Ami.session(scenario, "c-" + scenario));
    }
    int half = input.size() / 2;
    int expectedAll = lifecycleCount(input);
    int expectedHalf = lifecycleCount(input.subList(0, half));
    assertThat(expectedHalf).isPositive().isLessThan(expectedAll);

    List<String> first = run(kafka, input, List.of(), expectedAll, 0);
    List<String> second = run(kafka, input, List.of(), expectedAll, 0);
    List<String> restarted = run(kafka, input.subList(0, half), input.subList(half, input.size()),
        expectedAll, expectedHalf);

    assertThat(first).hasSize(expectedAll);
    assertThat(second).containsExactlyElementsOf(first);
    assertThat(restarted).containsExactlyElementsOf(first);
  }

  private static int lifecycleCount(List<AmiEvent> events) {
    CallStateMachine machine = new CallStateMachine(CorrelatorConfig.defaults());
    PbxState state = PbxState.empty(Ami.PBX);
    int count = 0;
    for (AmiEvent e : events) {
      if (NoiseFilter.isRelevant(e)) {
        var t = machine.apply(state, e);
        state = t.state();
        count += t.lifecycle().size();
      }
    }
    return count;
  }

  /**
   * Feeds {@code before}, runs the correlator until {@code expectedBefore} lifecycle records are
   * committed (then stops it if {@code after} is not empty, feeds {@code after} and starts it
   * again), and returns the committed lifecycle records as hex of key and value bytes, in order.
   */
  private static List<String> run(KafkaBroker kafka, List<AmiEvent> before, List<AmiEvent> after,
      int expectedAll, int expectedBefore) throws Exception {
    Topics topics = new Topics("it-" + UUID.randomUUID() + ".", ValueSerdeFactory.defaults());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topics.amiEvents().name(), 1, (short) 1),
          new NewTopic(topics.callLifecycle().name(), 2, (short) 1),
          new NewTopic(topics.callSummary().name(), 1, (short) 1))).all().get();
      // Producing before every partition has a leader gets NOT_LEADER retries that scramble
      // an idempotent producer's sequence on a busy machine.
      await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of(
              topics.amiEvents().name(), topics.callLifecycle().name())).allTopicNames().get()
          .values().stream().flatMap(d -> d.partitions().stream())
          .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }
    String appId = "it-correlator-" + UUID.randomUUID();
    CorrelatorConfig config = CorrelatorConfig.fromMap(Map.of(
        CorrelatorConfig.APPLICATION_ID, appId));
    Map<String, Object> kafkaProps = Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "state.dir", java.nio.file.Files.createTempDirectory("correlator-it").toString(),
        "commit.interval.ms", 100);
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = committedReader(kafka, topics)) {
      produce(kafka, topics.amiEvents(), before);
      if (!after.isEmpty()) {
        try (CallCorrelator correlator = CallCorrelator.start(config, topics, kafkaProps)) {
          readUntil(consumer, out, expectedBefore);
          assertThat(correlator.healthy()).isTrue();
        }
        produce(kafka, topics.amiEvents(), after);
      }
      try (CallCorrelator correlator = CallCorrelator.start(config, topics, kafkaProps)) {
        await().atMost(Duration.ofSeconds(60))
            .until(() -> correlator.state() == KafkaStreams.State.RUNNING);
        readUntil(consumer, out, expectedAll);
      }
    }
    return out;
  }

  private static void produce(KafkaBroker kafka, TopicDescriptor<String, AmiEvent> topic,
      List<AmiEvent> events) {
    List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    try (KafkaProducer<String, AmiEvent> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      for (AmiEvent e : events) {
        sent.add(producer.send(new ProducerRecord<>(topic.name(), null,
            Ami.time(e).toEpochMilli(), e.getPbxId(), e)));
      }
      producer.flush();
      for (java.util.concurrent.Future<?> f : sent) {
        f.get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (Exception ex) {
      throw new AssertionError("could not write the input records", ex);
    }
  }

  private static KafkaConsumer<byte[], byte[]> committedReader(KafkaBroker kafka, Topics topics) {
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topics.callLifecycle().name()));
    return consumer;
  }

  private static void readUntil(KafkaConsumer<byte[], byte[]> consumer, List<String> out,
      int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (out.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        out.add(r.partition() + ":" + hex(r.key()) + ":" + hex(r.value()));
      }
    }
    assertThat(out).as("lifecycle records committed").hasSize(count);
    // Stable sort: per partition the records stay in offset order; partitions are read in any mix.
    out.sort(java.util.Comparator.comparing(s -> s.substring(0, s.indexOf(':'))));
  }

  private static String hex(byte[] bytes) {
    return bytes == null ? "null" : java.util.HexFormat.of().formatHex(bytes);
  }
}
