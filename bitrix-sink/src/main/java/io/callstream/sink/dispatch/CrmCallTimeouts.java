package io.callstream.sink.dispatch;

import io.callstream.sink.mapping.CrmCallTimeout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * One portal's {@link CrmCallTimeout}s waiting for their moment, by the CRM's CALL_ID. A timeout
 * leaves either claimed (a lifecycle command for its CALL_ID was read: the call exists) or due. It
 * only becomes due once its partition has been read to the end: a claim already written must win
 * over a timeout that a lagging dispatcher would otherwise fire.
 */
final class CrmCallTimeouts {

  /** How often a due timeout whose partition is not read to its end is looked at again. */
  static final long RECHECK_MILLIS = 200;

  private final Map<String, List<Pending>> held = new LinkedHashMap<>();
  private int size;

  void hold(Pending timeout) {
    String callId = CrmCallTimeout.crmCallId(timeout.command).orElseThrow();
    held.computeIfAbsent(callId, k -> new ArrayList<>()).add(timeout);
    size++;
  }

  /** The held timeouts of {@code crmCallId}, no longer held. */
  List<Pending> claim(String crmCallId) {
    List<Pending> claimed = held.remove(crmCallId);
    if (claimed == null) {
      return List.of();
    }
    size -= claimed.size();
    return claimed;
  }

  /** The timeouts due at {@code now} whose partition {@code readToEnd}, no longer held. */
  List<Pending> due(long now, Predicate<TopicPartition> readToEnd) {
    List<Pending> due = new ArrayList<>();
    for (Iterator<List<Pending>> it = held.values().iterator(); it.hasNext(); ) {
      List<Pending> list = it.next();
      for (Iterator<Pending> p = list.iterator(); p.hasNext(); ) {
        Pending t = p.next();
        if (CrmCallTimeout.finishAt(t.command) <= now && readToEnd.test(t.partition)) {
          due.add(t);
          p.remove();
          size--;
        }
      }
      if (list.isEmpty()) {
        it.remove();
      }
    }
    return due;
  }

  /** Milliseconds until a held timeout should be looked at, {@code Long.MAX_VALUE} if none. */
  long waitMillis(long now) {
    long wait = Long.MAX_VALUE;
    for (List<Pending> list : held.values()) {
      for (Pending t : list) {
        long until = CrmCallTimeout.finishAt(t.command) - now;
        wait = Math.min(wait, until > 0 ? until : RECHECK_MILLIS);
      }
    }
    return wait;
  }

  int size() {
    return size;
  }

  void drop(Collection<TopicPartition> partitions) {
    for (Iterator<List<Pending>> it = held.values().iterator(); it.hasNext(); ) {
      List<Pending> list = it.next();
      size -= list.size();
      list.removeIf(p -> partitions.contains(p.partition));
      size += list.size();
      if (list.isEmpty()) {
        it.remove();
      }
    }
  }
}
