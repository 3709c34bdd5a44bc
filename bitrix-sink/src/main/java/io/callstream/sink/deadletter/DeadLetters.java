package io.callstream.sink.deadletter;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.dispatch.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Lists {@code crm.bitrix.dead-letter} and re-drives dead-lettered commands: they go back to
 * {@code crm.bitrix.commands} with their original id, and the dispatcher sends them again (a
 * DEAD_LETTERED outcome does not count as done). Lifecycles that never became a command cannot
 * be re-driven this way; re-derive them from the lifecycle topic.
 */
public final class DeadLetters {

  private static final Duration LIMIT = Duration.ofSeconds(60);

  private DeadLetters() {
  }

  public static List<BitrixDeadLetter> list(Topics topics, Properties kafka) {
    List<BitrixDeadLetter> out = new ArrayList<>();
    TopicReader.readAll(kafka, topics.bitrixDeadLetter(), LIMIT, r -> {
      if (r.value() != null) {
        out.add(r.value());
      }
    });
    return out;
  }

  /** @return how many commands were put back on the commands topic */
  public static int redrive(Topics topics, Properties kafka, Predicate<BitrixDeadLetter> which) {
    TopicDescriptor<String, BitrixCommand> commands = topics.bitrixCommands();
    Properties p = new Properties();
    p.putAll(kafka);
    p.remove("state.dir");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    int count = 0;
    try (KafkaProducer<String, BitrixCommand> producer = new KafkaProducer<>(p,
        Serdes.String().serializer(), commands.valueSerde().serializer())) {
      for (BitrixDeadLetter d : list(topics, kafka)) {
        if (d.getCommand() != null && which.test(d)) {
          producer.send(new ProducerRecord<>(commands.name(), d.getCommand().getPortalId(),
              d.getCommand()));
          count++;
        }
      }
      producer.flush();
    }
    return count;
  }

  /** Convenience for a CLI: only the dead letters of one call. */
  public static Predicate<BitrixDeadLetter> ofCall(String callId) {
    return d -> d.getCallId().equals(callId);
  }
}
