package io.callstream.deploy.tools;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Reads the dead-letter topic and re-sends dead-lettered commands to the sink's command topic. */
public final class DeadLetters {

  private DeadLetters() {
  }

  /** A dead letter and where it is. */
  public record Entry(String position, String portalId, BitrixDeadLetter deadLetter) {
  }

  /** How a re-drive went. */
  public record Redriven(int sent, int withoutCommand) {
  }

  /** Dead letters, oldest first per partition, optionally only one call's or one portal's. */
  public static List<Entry> list(TopicScanner scanner, Topics topics, String callId, String portalId) {
    List<Entry> entries = new ArrayList<>();
    TopicDescriptor<String, BitrixDeadLetter> topic = topics.bitrixDeadLetter();
    scanner.scan(scanner.partitions(topic.name()), null, null, record -> {
      BitrixDeadLetter d = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
      String portal = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      if ((callId == null || callId.equals(d.getCallId()))
          && (portalId == null || portalId.equals(portal))) {
        entries.add(new Entry(record.partition() + ":" + record.offset(), portal, d));
      }
    }, n -> { });
    return entries;
  }

  public static Redriven redrive(List<Entry> entries, Map<String, Object> kafkaProperties, Topics topics)
      throws InterruptedException, ExecutionException {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    TopicDescriptor<String, BitrixCommand> commands = topics.bitrixCommands();
    int sent = 0;
    int without = 0;
    try (KafkaProducer<String, BitrixCommand> producer = new KafkaProducer<>(props,
        commands.keySerde().serializer(), commands.valueSerde().serializer())) {
      for (Entry e : entries) {
        BitrixCommand command = e.deadLetter().getCommand();
        if (command == null) {
          without++;
          continue;
        }
        producer.send(new ProducerRecord<>(commands.name(), command.getPortalId(), command)).get();
        sent++;
      }
    }
    return new Redriven(sent, without);
  }
}
