package io.callstream.correlator.topology;

import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.machine.CallStateMachine;
import io.callstream.correlator.machine.Emitted;
import io.callstream.correlator.machine.draft.PbxDraft;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.logging.LogKeys;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Only loads, stores and forwards: applies each event to its PBX's working draft, writes the
 * entries the event touched and forwards lifecycle steps and summaries keyed by call id. A
 * stream-time punctuator closes calls of PBXs that went silent (stream time put on each PBX's
 * clock first). While a record is processed or a PBX swept the MDC holds the PBX (and, in the
 * error and unknown-outcome lines, the call), and nothing afterwards.
 */
final class CorrelatorProcessor implements Processor<String, AmiEvent, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(CorrelatorProcessor.class);

  private final CorrelatorConfig config;
  private final CallStateMachine machine;
  private ProcessorContext<String, SpecificRecord> context;
  private PbxEntryStore store;
  /**
   * Working drafts of the PBXs seen since the last (re)initialisation, so an event costs only the
   * entries it touches. The store stays the truth: drafts are dropped whenever Streams
   * (re)initialises or closes the processor (aborted transaction, rebalance) and are reloaded
   * from the store, in the same order, on the next event.
   */
  private final Map<String, PbxDraft> drafts = new HashMap<>();

  CorrelatorProcessor(CorrelatorConfig config) {
    this.config = config;
    this.machine = new CallStateMachine(config);
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    KeyValueStore<String, byte[]> kv = context.getStateStore(CallCorrelatorTopology.STATE_STORE);
    this.store = new PbxEntryStore(kv);
    drafts.clear();
    context.schedule(config.sweepInterval(), PunctuationType.STREAM_TIME, this::sweep);
  }

  @Override
  public void process(Record<String, AmiEvent> record) {
    AmiEvent event = record.value();
    String pbxId = event != null ? event.getPbxId() : record.key();
    if (pbxId != null) {
      MDC.put(LogKeys.PBX_ID, pbxId);
    }
    try {
      PbxDraft draft = draft(event.getPbxId());
      Emitted emitted = machine.applyInPlace(draft, event);
      store.save(draft);
      forward(emitted, record.timestamp());
    } catch (RuntimeException e) {
      // The draft may be half-changed; the store still holds the state before this record.
      drafts.clear();
      store.reset();
      skipped(record, e);
    } finally {
      MDC.remove(LogKeys.PBX_ID);
    }
  }

  private void skipped(Record<String, AmiEvent> record, RuntimeException e) {
    String callId = knownCallId(record.value());
    if (callId != null) {
      MDC.put(LogKeys.CALL_ID, callId);
    }
    try {
      RecordMetadata where = context.recordMetadata().orElse(null);
      LOG.error("Skipping a record the correlator could not apply: topic={} partition={} "
              + "offset={} key={} event={}", where == null ? null : where.topic(),
          where == null ? null : where.partition(), where == null ? null : where.offset(),
          record.key(), record.value() == null ? null : record.value().getEventName(), e);
    } finally {
      MDC.remove(LogKeys.CALL_ID);
    }
  }

  /**
   * The call the failed record was about, in the state before it (reloaded here, as the next
   * record would); null if it names none or the state cannot be read either.
   */
  private String knownCallId(AmiEvent event) {
    if (event == null || event.getPbxId() == null) {
      return null;
    }
    try {
      return CallStateMachine.callIdOf(draft(event.getPbxId()), event);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private PbxDraft draft(String pbxId) {
    PbxDraft draft = drafts.get(pbxId);
    if (draft == null) {
      draft = store.load(pbxId);
      drafts.put(pbxId, draft);
    }
    return draft;
  }

  /**
   * Stream time is the producers' clock (record timestamps); each PBX's calls are timed by the
   * PBX's own clock, so it is translated per PBX before comparing.
   */
  private void sweep(long streamTime) {
    for (String pbxId : store.pbxIds()) {
      MDC.put(LogKeys.PBX_ID, pbxId);
      try {
        PbxDraft draft = draft(pbxId);
        long streamTimeBefore = draft.streamTime;
        Emitted emitted = machine.expireAtReceiveTime(draft, streamTime);
        if (!emitted.isEmpty()) {
          store.save(draft);
          forward(emitted, streamTime);
        } else {
          // A sweep that closed nothing leaves the PBX as stored, so a restart sees the same.
          draft.streamTime = streamTimeBefore;
        }
      } finally {
        MDC.remove(LogKeys.PBX_ID);
      }
    }
  }

  @Override
  public void close() {
    drafts.clear();
  }

  private void forward(Emitted emitted, long timestamp) {
    for (CallEvent e : emitted.lifecycle()) {
      context.forward(new Record<String, SpecificRecord>(e.getCallId(), e, timestamp),
          CallCorrelatorTopology.LIFECYCLE_SINK);
    }
    for (CallSummary s : emitted.summaries()) {
      if (s.getDisposition() == Disposition.UNKNOWN) {
        unknownOutcome(s);
      }
      context.forward(new Record<String, SpecificRecord>(s.getCallId(), s, timestamp),
          CallCorrelatorTopology.SUMMARY_SINK);
    }
  }

  /**
   * A call whose end the correlator did not see (events lost with an AMI session, a PBX gone
   * silent) is rare and worth an operator's look; every other outcome is only in the topics.
   */
  private static void unknownOutcome(CallSummary s) {
    MDC.put(LogKeys.CALL_ID, s.getCallId());
    try {
      LOG.warn("Call {} closed with an unknown outcome: {}", s.getCallId(),
          s.getDispositionReason());
    } finally {
      MDC.remove(LogKeys.CALL_ID);
    }
  }
}
