package io.callstream.deploy.tools;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One PBX's records of the raw topic in a time range (record time), in log order. */
public final class RawTopicSlice {

  private RawTopicSlice() {
  }

  public static List<AmiEvent> read(TopicScanner scanner, Topics topics, String pbxId, Instant from,
      Instant to, Consumer<Long> progress) {
    TopicDescriptor<String, AmiEvent> raw = topics.amiEvents();
    List<AmiEvent> events = new ArrayList<>();
    byte[] key = pbxId.getBytes(StandardCharsets.UTF_8);
    scanner.scan(List.of(scanner.partitionOf(raw.name(), pbxId)), from, to, record -> {
      if (java.util.Arrays.equals(key, record.key())) {
        events.add(raw.valueSerde().deserializer().deserialize(raw.name(), record.value()));
      }
    }, progress);
    return events;
  }
}
