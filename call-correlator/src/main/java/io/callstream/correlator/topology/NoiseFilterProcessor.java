package io.callstream.correlator.topology;

import io.callstream.correlator.ami.NoiseFilter;
import io.callstream.schemas.AmiEvent;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;

/** Drops dialplan noise before anything reaches the state store. */
final class NoiseFilterProcessor extends ContextualProcessor<String, AmiEvent, String, AmiEvent> {

  @Override
  public void process(Record<String, AmiEvent> record) {
    if (record.value() == null || NoiseFilter.isRelevant(record.value())) {
      context().forward(record);
    }
  }
}
