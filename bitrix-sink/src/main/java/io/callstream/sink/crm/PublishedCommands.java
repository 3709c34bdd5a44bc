package io.callstream.sink.crm;

import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.dispatch.TopicReader;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Command ids already in {@code pbx.commands}, so a request read again (the receiver stopped
 * after Kafka acknowledged but before the portal's queue was cleared; an event delivered twice)
 * is cleared without a second record. Loaded from the topic at start; ids older than the window
 * are forgotten, since requests that old are refused for their age anyway.
 */
final class PublishedCommands {

  static final Duration WINDOW = Duration.ofHours(24);

  private final Map<String, Long> seen = new LinkedHashMap<>();

  static PublishedCommands load(Topics topics, Properties kafka, long nowMillis) {
    PublishedCommands p = new PublishedCommands();
    TopicReader.readAll(kafka, topics.pbxCommands(), Duration.ofSeconds(60), r -> {
      PbxCommand c = r.value();
      if (c != null && r.timestamp() > nowMillis - WINDOW.toMillis()) {
        p.add(c.getCommandId(), r.timestamp());
      }
    });
    return p;
  }

  synchronized boolean contains(String commandId) {
    return seen.containsKey(commandId);
  }

  synchronized void add(String commandId, long atMillis) {
    seen.remove(commandId);
    seen.put(commandId, atMillis);
    Iterator<Long> oldest = seen.values().iterator();
    while (oldest.hasNext() && oldest.next() < atMillis - WINDOW.toMillis()) {
      oldest.remove();
    }
  }

  synchronized int size() {
    return seen.size();
  }
}
