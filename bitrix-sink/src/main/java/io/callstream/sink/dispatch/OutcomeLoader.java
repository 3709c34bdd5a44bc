package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.topics.TopicDescriptor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Rebuilds each portal's {@link OutcomeIndex} from the outcomes topic, skipping what is too old to
 * matter.
 */
final class OutcomeLoader {

  private OutcomeLoader() {
  }

  /**
   * @param cutoffMillis outcomes completed before this are left out (see {@link DedupWindow})
   * @return the indexes by portal id
   */
  static Map<String, OutcomeIndex> load(Properties kafka,
      TopicDescriptor<String, BitrixOutcome> topic, long cutoffMillis) {
    Map<String, OutcomeIndex> byPortal = new HashMap<>();
    TopicReader.readAll(kafka, topic, Duration.ofSeconds(60), r -> {
      BitrixOutcome o = r.value();
      if (o != null && o.getCompletedAt().toEpochMilli() >= cutoffMillis) {
        byPortal.computeIfAbsent(o.getPortalId(), p -> new OutcomeIndex()).add(o);
      }
    });
    return byPortal;
  }
}
