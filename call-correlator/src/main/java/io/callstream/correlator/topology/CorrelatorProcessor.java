package io.callstream.correlator.topology;

import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.machine.CallStateMachine;
import io.callstream.correlator.machine.Transition;
import io.callstream.correlator.state.PbxState;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Only stores and forwards: loads the PBX's state, applies the event with the state machine,
 * stores the result (removing it when nothing is open) and forwards lifecycle steps and summaries
 * keyed by call id. A stream-time punctuator closes calls of PBXs that went silent.
 */
final class CorrelatorProcessor implements Processor<String, AmiEvent, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(CorrelatorProcessor.class);

  private final CorrelatorConfig config;
  private final CallStateMachine machine;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, PbxState> store;
  /**
   * The objects last written to the store, so a record does not pay for deserialising its PBX's
   * whole state. The store stays the truth: the cache is dropped whenever Streams (re)initialises
   * or closes the processor, e.g. after an aborted transaction or a rebalance.
   */
  private final Map<String, PbxState> written = new HashMap<>();

  CorrelatorProcessor(CorrelatorConfig config) {
    this.config = config;
    this.machine = new CallStateMachine(config);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.store = context.getStateStore(CallCorrelatorTopology.STATE_STORE);
    written.clear();
    context.schedule(config.sweepInterval(), PunctuationType.STREAM_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, AmiEvent> record) {
    try {
      AmiEvent event = record.value();
      String pbxId = event.getPbxId();
      PbxState state = written.containsKey(pbxId) ? written.get(pbxId) : store.get(pbxId);
      Transition t = machine.apply(state == null ? PbxState.empty(pbxId) : state, event);
      save(pbxId, t.state());
      forward(t, record.timestamp());
    } catch (RuntimeException e) {
      RecordMetadata where = context.recordMetadata().orElse(null);
      LOG.error("Skipping a record the correlator could not apply: topic={} partition={} "
              + "offset={} key={} event={}", where == null ? null : where.topic(),
          where == null ? null : where.partition(), where == null ? null : where.offset(),
          record.key(), record.value() == null ? null : record.value().getEventName(), e);
    }
  }

  private void sweep(long streamTime) {
    List<KeyValue<String, PbxState>> states = new ArrayList<>();
    try (KeyValueIterator<String, PbxState> all = store.all()) {
      all.forEachRemaining(kv -> states.add(written.containsKey(kv.key)
          ? KeyValue.pair(kv.key, written.get(kv.key)) : kv));
    }
    for (KeyValue<String, PbxState> entry : states) {
      Transition t = machine.expire(entry.value, streamTime);
      if (!t.lifecycle().isEmpty() || !t.summaries().isEmpty()) {
        save(entry.key, t.state());
        forward(t, streamTime);
      }
    }
  }

  /** Ended calls are already gone from the state; what is stored is only what is still open. */
  private void save(String pbxId, PbxState state) {
    store.put(pbxId, state);
    written.put(pbxId, state);
  }

  @Override
  public void close() {
    written.clear();
  }

  private void forward(Transition t, long timestamp) {
    for (CallEvent e : t.lifecycle()) {
      context.forward(new Record<String, SpecificRecord>(e.getCallId(), e, timestamp),
          CallCorrelatorTopology.LIFECYCLE_SINK);
    }
    for (CallSummary s : t.summaries()) {
      context.forward(new Record<String, SpecificRecord>(s.getCallId(), s, timestamp),
          CallCorrelatorTopology.SUMMARY_SINK);
    }
  }
}
