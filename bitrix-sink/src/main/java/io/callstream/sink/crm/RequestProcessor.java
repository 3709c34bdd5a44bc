package io.callstream.sink.crm;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.PbxCommand;
import io.callstream.sink.LogContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path every received request takes, offline or handler: recognise repeats, decide, and put
 * commands and dead letters into Kafka, returning only after the broker acknowledged them. The
 * caller acknowledges the request to Bitrix24 (clear, HTTP 200) only for outcomes other than
 * {@link Outcome#LATER}, and only when this returned normally.
 */
final class RequestProcessor {

  /** What became of a request. */
  enum Outcome {
    /** Its command is in Kafka now. */
    PUBLISHED,
    /** Its command was in Kafka already. */
    DUPLICATE,
    /** It can never be a command; the dead letter is in Kafka. */
    DEAD_LETTERED,
    /** Bitrix24 could not be asked now; leave the request where it is. */
    LATER
  }

  private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);

  private final Map<String, CommandFactory> factories;
  private final RequestPublisher publisher;
  private final PublishedCommands published;
  private final CrmCallWatch watch;
  private final Clock clock;
  private final MeterRegistry metrics;

  RequestProcessor(Map<String, CommandFactory> factories, RequestPublisher publisher,
      PublishedCommands published, CrmCallWatch watch, Clock clock, MeterRegistry metrics) {
    this.factories = Map.copyOf(factories);
    this.publisher = publisher;
    this.published = published;
    this.watch = watch;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * @param lastChance true when the request will never come again (handler path: Bitrix24 does
   *     not re-send events), so what cannot be decided now is dead-lettered rather than postponed
   * @return one outcome per request, in order
   */
  List<Outcome> process(List<CrmRequest> requests, boolean lastChance)
      throws RequestPublisher.PublishException, InterruptedException {
    List<Outcome> outcomes = new ArrayList<>();
    List<PbxCommand> commands = new ArrayList<>();
    List<BitrixCommand> timeouts = new ArrayList<>();
    List<RequestPublisher.Rejected> rejected = new ArrayList<>();
    Set<String> thisRound = new HashSet<>();
    for (CrmRequest r : requests) {
      String id = RequestIds.commandId(r);
      if (published.contains(id) || !thisRound.add(id)) {
        outcomes.add(Outcome.DUPLICATE);
        continue;
      }
      Decision d = factories.get(r.portalId()).decide(r, id);
      if (d instanceof Decision.Later later && lastChance) {
        d = new Decision.Reject(later.reason() + "; Bitrix24 does not send an event twice, so "
            + "the request is kept here");
      }
      if (d instanceof Decision.Publish p) {
        commands.add(p.command());
        watch.forCommand(p.command()).ifPresent(timeouts::add);
        outcomes.add(Outcome.PUBLISHED);
      } else if (d instanceof Decision.Reject x) {
        LogContext.call(r.portalId(), null, id).run(() ->
            LOG.warn("portal {}: {} {} cannot be executed: {}", r.portalId(), r.event().eventName(),
                id, x.reason()));
        rejected.add(new RequestPublisher.Rejected(r.portalId(), BitrixDeadLetter.newBuilder()
            .setCallId(id).setReason(r.event().eventName() + ": " + x.reason())
            .setErrorClass("REJECTED_REQUEST").setFailedAt(clock.instant()).build()));
        watch.forRefused(r, id, x.reason()).ifPresent(timeouts::add);
        outcomes.add(Outcome.DEAD_LETTERED);
      } else {
        String why = ((Decision.Later) d).reason();
        LogContext.call(r.portalId(), null, id).run(() ->
            LOG.info("portal {}: {} {} postponed: {}", r.portalId(), r.event().eventName(), id,
                why));
        thisRound.remove(id);
        outcomes.add(Outcome.LATER);
      }
    }
    if (!commands.isEmpty() || !rejected.isEmpty()) {
      publisher.publish(commands, timeouts, rejected);
    }
    long now = clock.millis();
    for (PbxCommand c : commands) {
      published.add(c.getCommandId(), now);
      LogContext.call(c.getPortalId(), c.getPbxId(), c.getCommandId()).run(() ->
          LOG.info("portal {}: {} command {} for PBX {} published", c.getPortalId(), c.getKind(),
              c.getCommandId(), c.getPbxId()));
    }
    rejected.forEach(x -> published.add(x.letter().getCallId(), now));
    for (int i = 0; i < requests.size(); i++) {
      metrics.counter("callstream.bitrix.crm.requests", "portal", requests.get(i).portalId(),
          "event", requests.get(i).event().eventName(), "result", outcomes.get(i).name())
          .increment();
    }
    return outcomes;
  }
}
