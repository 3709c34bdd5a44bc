package io.callstream.sink.stream;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.CallEvent;
import io.callstream.sink.LogContext;
import io.callstream.sink.config.RouteConfig;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.mapping.CallPlanner;
import io.callstream.sink.mapping.PlanResult;
import io.callstream.sink.mapping.PlanState;
import java.time.Instant;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds each lifecycle event with its call's stored state to the {@link CallPlanner}; commands go
 * out keyed by portal, unmappable lifecycles to the dead-letter topic. An ended call keeps a
 * small marker so late duplicates change nothing, until {@link PlanStatePurge} forgets it. A bad
 * record is dead-lettered; it never kills the stream thread.
 */
final class PlanningProcessor implements Processor<String, CallEvent, String, Object> {

  private static final Logger LOG = LoggerFactory.getLogger(PlanningProcessor.class);

  private final CallPlanner planner;
  private final SinkConfig config;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, PlanState> store;

  PlanningProcessor(CallPlanner planner, SinkConfig config) {
    this.planner = planner;
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.store = context.getStateStore(PlanningTopology.STATE_STORE);
    PlanStatePurge purge = new PlanStatePurge(store, config.dedupRetention());
    context.schedule(PlanStatePurge.INTERVAL, PunctuationType.STREAM_TIME, purge::purge);
  }

  @Override
  public void process(Record<String, CallEvent> record) {
    CallEvent event = record.value();
    if (event == null) {
      return;
    }
    PlanState state = store.get(event.getCallId());
    if (state == null) {
      state = new PlanState();
    }
    state.lastSeenAt = Math.max(state.lastSeenAt, record.timestamp());
    PlanResult result;
    try {
      result = planner.apply(state, event);
    } catch (RuntimeException e) {
      LogContext.call(null, event.getPbxId(), event.getCallId()).run(() ->
          LOG.warn("call {} sequence {}: cannot plan {}: {}", event.getCallId(),
              event.getSequence(), event.getType(), e.toString()));
      result = PlanResult.unmappable("planning failed: " + e);
    }
    for (BitrixCommand c : result.commands()) {
      context.forward(new Record<>(c.getPortalId(), (Object) c, record.timestamp()),
          PlanningTopology.COMMANDS_SINK);
    }
    if (result.unmappableReason().isPresent()) {
      String portal = config.route(event.getPbxId()).map(RouteConfig::portalId)
          .orElse("unrouted:" + event.getPbxId());
      context.forward(new Record<>(portal, (Object) BitrixDeadLetter.newBuilder()
          .setCallId(event.getCallId()).setReason(result.unmappableReason().get())
          .setErrorClass("UNMAPPABLE").setFailedAt(Instant.ofEpochMilli(record.timestamp()))
          .build(), record.timestamp()), PlanningTopology.DEAD_LETTER_SINK);
    }
    store.put(event.getCallId(), state.ended ? marker(state, state.lastSeenAt) : state);
  }

  /** Only what is needed to ignore late duplicates of an ended call, and to forget it in time. */
  static PlanState marker(PlanState state, long lastSeenAt) {
    PlanState done = new PlanState();
    done.ended = true;
    done.lastSequence = state.lastSequence;
    done.pbxId = state.pbxId;
    done.lastSeenAt = lastSeenAt;
    return done;
  }
}
