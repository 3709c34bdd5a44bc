package io.callstream.sink.crm;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Idempotent producer with {@code acks=all}; the CRM calls' timeouts are acknowledged before the
 * PBX commands are sent. Not transactional: each request is one record whose
 * command id makes a repeat recognisable, and one transactional id shared by several sink
 * instances would fence them against each other.
 */
final class KafkaRequestPublisher implements RequestPublisher {

  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

  private final Producer<byte[], byte[]> producer;
  private final Topics topics;

  KafkaRequestPublisher(Producer<byte[], byte[]> producer, Topics topics) {
    this.producer = producer;
    this.topics = topics;
  }

  static KafkaRequestPublisher create(Topics topics, Properties kafka, String clientId) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.remove("state.dir");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ACK_TIMEOUT.toMillis()));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaRequestPublisher(new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer()), topics);
  }

  @Override
  public void publish(List<PbxCommand> commands, List<BitrixCommand> crmCallTimeouts,
      List<Rejected> deadLetters) throws PublishException, InterruptedException {
    long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
    List<Future<RecordMetadata>> timeouts = new ArrayList<>();
    String outbox = topics.bitrixCommands().name();
    try {
      for (BitrixCommand t : crmCallTimeouts) {
        timeouts.add(producer.send(new ProducerRecord<>(outbox,
            topics.bitrixCommands().keySerde().serializer().serialize(outbox, t.getPortalId()),
            topics.bitrixCommands().valueSerde().serializer().serialize(outbox, t))));
      }
      await(timeouts, deadline);
    } catch (ExecutionException e) {
      throw new PublishException("Kafka did not acknowledge: " + e.getCause(), e.getCause());
    } catch (TimeoutException | RuntimeException e) {
      throw new PublishException("Kafka did not acknowledge: " + e, e);
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    try {
      String commandsTopic = topics.pbxCommands().name();
      for (PbxCommand c : commands) {
        acks.add(producer.send(new ProducerRecord<>(commandsTopic,
            topics.pbxCommands().keySerde().serializer().serialize(commandsTopic, c.getPbxId()),
            topics.pbxCommands().valueSerde().serializer().serialize(commandsTopic, c))));
      }
      String dlqTopic = topics.bitrixDeadLetter().name();
      for (Rejected d : deadLetters) {
        acks.add(producer.send(new ProducerRecord<>(dlqTopic,
            topics.bitrixDeadLetter().keySerde().serializer().serialize(dlqTopic, d.portalId()),
            topics.bitrixDeadLetter().valueSerde().serializer().serialize(dlqTopic, d.letter()))));
      }
      await(acks, deadline);
    } catch (ExecutionException e) {
      throw new PublishException("Kafka did not acknowledge: " + e.getCause(), e.getCause());
    } catch (TimeoutException | RuntimeException e) {
      throw new PublishException("Kafka did not acknowledge: " + e, e);
    }
  }

  private static void await(List<Future<RecordMetadata>> acks, long deadlineNanos)
      throws ExecutionException, TimeoutException, InterruptedException {
    for (Future<RecordMetadata> f : acks) {
      f.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
