package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.topics.TopicDescriptor;
import java.time.Duration;
import java.util.Properties;

/** Rebuilds the {@link OutcomeIndex} from the outcomes topic, skipping what is too old to matter. */
final class OutcomeLoader {

  private OutcomeLoader() {
  }

  /** @param cutoffMillis outcomes completed before this are left out (see {@link DedupWindow}) */
  static OutcomeIndex load(Properties kafka, TopicDescriptor<String, BitrixOutcome> topic,
      long cutoffMillis) {
    OutcomeIndex index = new OutcomeIndex();
    TopicReader.readAll(kafka, topic, Duration.ofSeconds(60), r -> {
      if (r.value() != null && r.value().getCompletedAt().toEpochMilli() >= cutoffMillis) {
        index.add(r.value());
      }
    });
    return index;
  }
}
