package io.callstream.sink.dispatch;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which outbox records are read and not yet done, per partition, shared by the consumer thread
 * (records read) and the portal lanes (records done). The committable offset of a partition is
 * its oldest open record, or the next one to read when none is open.
 */
final class OffsetTracker {

  private final Map<TopicPartition, TreeSet<Long>> open = new HashMap<>();
  private final Map<TopicPartition, Long> next = new HashMap<>();

  synchronized void read(TopicPartition tp, long offset, boolean needsWork) {
    next.put(tp, offset + 1);
    if (needsWork) {
      open.computeIfAbsent(tp, t -> new TreeSet<>()).add(offset);
    }
  }

  synchronized void done(Pending p) {
    TreeSet<Long> set = open.get(p.partition);
    if (set != null) {
      set.remove(p.offset);
    }
  }

  synchronized int open(TopicPartition tp) {
    TreeSet<Long> set = open.get(tp);
    return set == null ? 0 : set.size();
  }

  /** What may be committed now: everything before the oldest open record of each partition. */
  synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    next.forEach((tp, n) -> {
      TreeSet<Long> set = open.get(tp);
      offsets.put(tp, new OffsetAndMetadata(set == null || set.isEmpty() ? n : set.first()));
    });
    return offsets;
  }

  synchronized void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(tp -> {
      open.remove(tp);
      next.remove(tp);
    });
  }
}
