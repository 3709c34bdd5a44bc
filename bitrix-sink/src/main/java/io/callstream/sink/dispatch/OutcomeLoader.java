package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.topics.TopicDescriptor;
import java.time.Duration;
import java.util.Properties;

/** Rebuilds the {@link OutcomeIndex} from the whole outcomes topic. */
final class OutcomeLoader {

  private OutcomeLoader() {
  }

  static OutcomeIndex load(Properties kafka, TopicDescriptor<String, BitrixOutcome> topic) {
    OutcomeIndex index = new OutcomeIndex();
    TopicReader.readAll(kafka, topic, Duration.ofSeconds(60), r -> {
      if (r.value() != null) {
        index.add(r.value());
      }
    });
    return index;
  }
}
