package io.callstream.deploy.tools;

import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the dead-letter topic with each record's position, for people; re-driving is the sink's
 * own {@link io.callstream.sink.deadletter.DeadLetters#redrive}.
 */
public final class DeadLetterListing {

  private DeadLetterListing() {
  }

  /** A dead letter and where it is. */
  public record Entry(String position, String portalId, BitrixDeadLetter deadLetter) {
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
}
