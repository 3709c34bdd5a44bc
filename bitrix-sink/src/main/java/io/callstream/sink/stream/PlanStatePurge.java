package io.callstream.sink.stream;

import io.callstream.sink.LogContext;
import io.callstream.sink.mapping.PlanState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the planner's store bounded, on stream time: the marker of an ended call is deleted once
 * no event of it was seen for {@code sink.dedup.retention.hours} (a later replay of it is no
 * longer recognised here, and the dispatcher refuses its commands as expired). A call that never
 * ended and was silent that long is given up: logged, and turned into an ended marker, so a
 * straggling event of it changes nothing until that marker goes too.
 */
final class PlanStatePurge {

  /** How often, in stream time, the store is swept. */
  static final Duration INTERVAL = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(PlanStatePurge.class);

  private final KeyValueStore<String, PlanState> store;
  private final long retentionMillis;

  PlanStatePurge(KeyValueStore<String, PlanState> store, Duration retention) {
    this.store = store;
    this.retentionMillis = retention.toMillis();
  }

  void purge(long streamTime) {
    long cutoff = streamTime - retentionMillis;
    List<String> forget = new ArrayList<>();
    List<KeyValue<String, PlanState>> rewrite = new ArrayList<>();
    try (KeyValueIterator<String, PlanState> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, PlanState> kv = all.next();
        PlanState s = kv.value;
        if (s.lastSeenAt == 0) {
          // Stored before the time was kept: count from now.
          s.lastSeenAt = streamTime;
          rewrite.add(kv);
        } else if (s.lastSeenAt < cutoff && s.ended) {
          forget.add(kv.key);
        } else if (s.lastSeenAt < cutoff) {
          LogContext.call(null, s.pbxId, kv.key).run(() ->
              LOG.warn("call {}: no lifecycle event for more than {} h and never ended; giving it "
                  + "up (a Bitrix24 card of it may stay open)", kv.key, retentionMillis / 3_600_000));
          rewrite.add(KeyValue.pair(kv.key, PlanningProcessor.marker(s, streamTime)));
        }
      }
    }
    forget.forEach(store::delete);
    rewrite.forEach(kv -> store.put(kv.key, kv.value));
    if (!forget.isEmpty()) {
      LOG.info("Planner forgot {} ended calls older than the dedup retention", forget.size());
    }
  }
}
