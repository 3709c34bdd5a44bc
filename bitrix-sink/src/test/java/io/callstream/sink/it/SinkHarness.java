package io.callstream.sink.it;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.TopicProvisioner;
import io.callstream.schemas.topics.Topics;
import io.callstream.schemas.topics.ValueSerdeFactory;
import io.callstream.sink.BitrixSink;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.Ledger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Topics with a fresh prefix, an emulator-backed sink config, and lifecycle publishing. */
final class SinkHarness implements AutoCloseable {

  final KafkaBroker kafka;
  final Topics topics;
  final BitrixEmulator emulator;
  final Map<String, String> config = new HashMap<>();
  private final Path stateDir;
  private int starts;
  private final KafkaProducer<String, CallEvent> producer;

  SinkHarness(KafkaBroker kafka, BitrixEmulator emulator, Path stateDir) throws Exception {
    this.kafka = kafka;
    this.emulator = emulator;
    this.stateDir = stateDir;
    String id = UUID.randomUUID().toString().substring(0, 8);
    this.topics = new Topics("it-" + id + ".", ValueSerdeFactory.defaults());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      new TopicProvisioner(admin).createMissing(topics, 2, (short) 1);
    }
    config.put("sink.application.id", "it-sink-" + id);
    config.put("bitrix.portals", "main");
    config.put("bitrix.portal.main.webhook.url", emulator.webhookUrl());
    config.put("bitrix.portal.main.missed.owner.user.id", "15");
    config.put("bitrix.rate.per.second", Double.toString(emulator.config().ratePerSecond()));
    config.put("bitrix.rate.burst", Integer.toString(emulator.config().burst()));
    config.put("sink.pbx.ids", "pbx1");
    config.put("sink.pbx.pbx1.portal", "main");
    config.put("sink.pbx.pbx1.timezone", "Europe/Moscow");
    config.put("bitrix.recording.url.template", "https://pbx.example.com/rec/{file}");
    config.put("bitrix.retry.initial.ms", "200");
    config.put("bitrix.retry.max.ms", "2000");
    config.put("bitrix.http.timeout.ms", "3000");
    TopicDescriptor<String, CallEvent> lifecycle = topics.callLifecycle();
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        kafka.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
        lifecycle.keySerde().serializer(), lifecycle.valueSerde().serializer());
  }

  /** Each start gets its own state directory, like a sink restarted on another machine. */
  Properties kafkaProperties() {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("state.dir", stateDir.resolve("instance-" + starts++).toString());
    return p;
  }

  BitrixSink startSink() {
    return BitrixSink.start(SinkConfig.fromMap(config), topics, kafkaProperties());
  }

  void publish(List<CallEvent> events) {
    for (CallEvent e : events) {
      producer.send(new ProducerRecord<>(topics.callLifecycle().name(), e.getCallId(), e));
    }
    producer.flush();
  }

  Map<String, List<Ledger.Call>> callsByExternalId() {
    return emulator.ledger().calls().stream()
        .collect(Collectors.groupingBy(c -> String.valueOf(c.externalCallId())));
  }

  long finishedCalls() {
    return emulator.ledger().calls().stream().filter(Ledger.Call::finished).count();
  }

  @Override
  public void close() {
    producer.close();
  }
}
