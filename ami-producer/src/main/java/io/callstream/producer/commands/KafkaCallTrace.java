package io.callstream.producer.commands;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.ami.AmiEvents;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Looks for a command's call in {@code pbx.ami.events} from a point in time to the current end:
 * the OriginateResponse or response carrying its ActionID, or any frame with one of its
 * Uniqueids as Uniqueid or Linkedid. This finds calls that already ended before a restart,
 * which CoreShowChannels cannot.
 */
public final class KafkaCallTrace implements CallTrace {

  private static final Duration POLL = Duration.ofMillis(200);

  private final TopicDescriptor<String, AmiEvent> events;
  private final Map<String, Object> consumerProperties;
  private final Duration timeout;

  public KafkaCallTrace(Topics topics, Map<String, ?> kafkaProperties, Duration timeout) {
    this.events = topics.amiEvents();
    this.consumerProperties = KafkaClients.consumer(kafkaProperties, "callstream-ami-commands-trace");
    this.timeout = timeout;
  }

  @Override
  public boolean seen(String pbxId, CommandIds ids, Instant since) {
    try (KafkaConsumer<String, AmiEvent> consumer = new KafkaConsumer<>(consumerProperties,
        events.keySerde().deserializer(), events.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(events.name(), timeout).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(p -> query.put(p, since.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp at = start.get(p);
        consumer.seek(p, at == null ? end.get(p) : at.offset());
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not search " + events.name() + " within "
              + timeout.toMillis() + " ms");
        }
        for (ConsumerRecord<String, AmiEvent> r : consumer.poll(POLL)) {
          if (pbxId.equals(r.key()) && r.value() != null && isOurs(r.value(), ids)) {
            return true;
          }
        }
      }
      return false;
    }
  }

  private static boolean isOurs(AmiEvent event, CommandIds ids) {
    return ids.actionId().equals(AmiEvents.header(event, "ActionID"))
        || matches(AmiEvents.header(event, "Uniqueid"), ids)
        || matches(AmiEvents.header(event, "Linkedid"), ids);
  }

  private static boolean matches(String value, CommandIds ids) {
    return ids.channelId().equals(value) || ids.otherChannelId().equals(value);
  }
}
