package io.callstream.sink.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.OutcomeStatus;
import io.callstream.sink.LogContext;
import io.callstream.sink.client.BatchCommand;
import io.callstream.sink.client.BatchReply;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixError;
import io.callstream.sink.client.BitrixErrorClassifier;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.client.ErrorClass;
import io.callstream.sink.client.OperatingTime;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.dispatch.CommandPreparation.Prepared;
import io.callstream.sink.mapping.CallPlanner;
import io.callstream.sink.mapping.CrmCallTimeout;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one portal's commands in order: at most one request at a time, never faster than the
 * portal's leaky bucket, several ready commands combined into one {@code batch} (register and
 * the commands that need its CALL_ID chained with {@code $result[...]}), failures handled by
 * their {@link ErrorClass} with bounded, jittered retries.
 */
final class PortalDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(PortalDispatcher.class);
  private static final int SCAN_LIMIT = 1_000;

  private final PortalConfig portal;
  private final SinkConfig config;
  private final BitrixClient client;
  private final OutcomeIndex index;
  private final OutcomeRecorder recorder;
  private final SinkMetrics metrics;
  private final LeakyBucket bucket;
  private final OperatingBudget budget;
  private final UserDirectory users;
  private final Backoff backoff;
  private final BitrixErrorClassifier classifier = new BitrixErrorClassifier();
  private final Deque<Pending> queue = new ArrayDeque<>();
  private final CrmCallTimeouts timeouts = new CrmCallTimeouts();
  private final CommandPreparation preparation;
  private final Predicate<TopicPartition> readToEnd;
  private final TimeoutGate upstream;
  private final DedupWindow window;
  private final Map<String, OperatingTime> lastTime = new LinkedHashMap<>();

  /**
   * @param readToEnd whether everything written to a partition so far has been read (only then
   *     may a CRM call's timeout fire: a claim may be waiting in the unread part)
   * @param upstream whether a due CRM call's timeout may fire as far as the pipeline before the
   *     outbox goes (its lifecycle may still be on the way)
   */
  PortalDispatcher(PortalConfig portal, SinkConfig config, BitrixClient client, OutcomeIndex index,
      OutcomeRecorder recorder, SinkMetrics metrics, long nowMillis, Random random,
      Predicate<TopicPartition> readToEnd, TimeoutGate upstream) {
    this.portal = portal;
    this.config = config;
    this.client = client;
    this.index = index;
    this.recorder = recorder;
    this.metrics = metrics;
    this.bucket = new LeakyBucket(portal.ratePerSecond(), portal.burst(), nowMillis);
    this.budget = new OperatingBudget(portal.operatingLimitSeconds());
    this.users = new UserDirectory(portal.id(), config.usersRefresh());
    this.backoff = new Backoff(config.retryInitial(), config.retryMax(), random);
    this.preparation = new CommandPreparation(portal, config, users, index, recorder);
    this.readToEnd = readToEnd;
    this.upstream = upstream;
    this.window = new DedupWindow(config.dedupRetention());
  }

  /**
   * Queues a command read from the outbox. One older than the dedup retention is dead-lettered
   * instead (whether it was sent before can no longer be told). A CRM call's timeout waits aside
   * until it is due; any other command for a CRM CALL_ID proves that call has a lifecycle and
   * drops its timeout.
   */
  void enqueue(Pending p, long now) {
    BitrixCommand c = p.command;
    if (window.expired(p.writtenAtMillis, now)) {
      recorder.deadLetter(p, "written " + Instant.ofEpochMilli(p.writtenAtMillis)
          + ", longer ago than " + SinkConfig.DEDUP_RETENTION_HOURS + "="
          + window.retention().toHours() + ": an earlier attempt may be forgotten, so it is not "
          + "sent; re-drive it if it never reached Bitrix24", "EXPIRED", null);
      return;
    }
    if (CrmCallTimeout.isTimeout(c)) {
      if (index.done(c.getCommandId())) {
        recorder.alreadyRecorded(p);
      } else {
        timeouts.hold(p);
      }
      return;
    }
    CrmCallTimeout.crmCallId(c).ifPresent(this::claim);
    queue.addLast(p);
  }

  private void claim(String crmCallId) {
    List<Pending> claimed = new ArrayList<>(timeouts.claim(crmCallId));
    // A due timeout already queued goes too, unless an attempt of it may have been applied.
    for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
      Pending q = it.next();
      if (CrmCallTimeout.isTimeout(q.command) && !q.maybeApplied
          && crmCallId.equals(CrmCallTimeout.crmCallId(q.command).orElse(null))) {
        it.remove();
        claimed.add(q);
      }
    }
    for (Pending t : claimed) {
      LogContext.of(t.command).run(() ->
          LOG.debug("portal {}: CRM call {} has a lifecycle; its timeout is dropped", portal.id(),
              crmCallId));
      recorder.outcome(t, OutcomeStatus.SKIPPED, crmCallId, null);
    }
  }

  int pending() {
    return queue.size() + timeouts.size();
  }

  /** Forgets commands of partitions this instance no longer owns; the new owner re-reads them. */
  void drop(Collection<TopicPartition> partitions) {
    queue.removeIf(p -> partitions.contains(p.partition));
    timeouts.drop(partitions);
  }

  /**
   * Makes at most one request.
   *
   * @return milliseconds until another step can do something; 0 to step again at once
   */
  long step(long now) {
    int held = 0;
    for (Pending due : timeouts.due(now, readToEnd)) {
      if (!upstream.open(due.command)) {
        timeouts.hold(due);
        held++;
        continue;
      }
      LogContext.of(due.command).run(() ->
          LOG.info("portal {}: no lifecycle for the CRM's call {} of request {}; finishing it as "
              + "not answered", portal.id(), CrmCallTimeout.crmCallId(due.command).orElse(""),
              due.command.getCallId()));
      queue.addFirst(due);
    }
    upstream.held(held);
    return Math.min(sendNext(now), timeouts.waitMillis(now));
  }

  private long sendNext(long now) {
    while (!queue.isEmpty() && index.done(queue.peekFirst().command.getCommandId())) {
      recorder.alreadyRecorded(queue.pollFirst());
    }
    if (queue.isEmpty()) {
      return Long.MAX_VALUE;
    }
    Pending head = queue.peekFirst();
    if (head.notBeforeMillis > now) {
      return head.notBeforeMillis - now;
    }
    long blocked = budget.blockedUntil(method(head.command.getKind())) - now;
    if (blocked > 0) {
      return blocked;
    }
    long wait = bucket.waitMillis(now);
    if (wait > 0) {
      return wait;
    }
    if (users.wantsPage(now)) {
      loadUsers(now);
      return 0;
    }
    List<Prepared> group = group(now);
    if (group.isEmpty()) {
      return 0;
    }
    bucket.take(now);
    if (group.size() == 1) {
      sendOne(group.get(0), now);
    } else {
      sendBatch(group, now);
    }
    // A leg's later commands may only go out once its CALL_ID is durable in the outcomes topic.
    recorder.flush();
    return 0;
  }

  private void loadUsers(long now) {
    bucket.take(now);
    BitrixReply reply = client.call("user.get", users.pageRequest(), false);
    metrics.request(portal.id(), "user.get", reply instanceof BitrixReply.Success ? "ok" : "failed");
    if (reply instanceof BitrixReply.Success ok) {
      budget.record("user.get", ok.time(), now);
      users.acceptPage(ok.result(), ok.envelope(), now);
    } else {
      BitrixReply.Failure f = (BitrixReply.Failure) reply;
      if (f.error().code().equals("QUERY_LIMIT_EXCEEDED")) {
        bucket.fill(now);
      }
      users.failRefresh(f.error().toString(), now, backoff.delayMillis(3));
    }
  }

  /**
   * Takes ready commands in queue order, up to the batch limit. A leg's finish or recording never
   * rides in the same batch as that leg's register: if the answer to such a batch were lost, the
   * re-sent register would find the call finished and create a second one. Such a command, and
   * everything after it on the same leg, waits for the next request (other legs go ahead).
   */
  private List<Prepared> group(long now) {
    List<Prepared> group = new ArrayList<>();
    Map<String, String> registerKeyByLeg = new LinkedHashMap<>();
    java.util.Set<String> deferredLegs = new java.util.HashSet<>();
    List<Pending> resolved = new ArrayList<>();
    int scanned = 0;
    for (Pending p : queue) {
      if (group.size() >= config.batchMaxCommands() || scanned++ >= SCAN_LIMIT
          || p.notBeforeMillis > now || budget.blockedUntil(method(p.command.getKind())) > now) {
        break;
      }
      String leg = p.command.getLegId();
      BitrixCommandKind kind = p.command.getKind();
      if (deferredLegs.contains(leg) || registerKeyByLeg.containsKey(leg)
          && (kind == BitrixCommandKind.FINISH || kind == BitrixCommandKind.ATTACH_RECORD)) {
        deferredLegs.add(leg);
        continue;
      }
      if (index.done(p.command.getCommandId())) {
        resolved.add(p);
        recorder.alreadyRecorded(p);
        continue;
      }
      String key = "c" + group.size();
      Optional<Prepared> prepared = preparation.prepare(p, key, registerKeyByLeg);
      if (prepared.isPresent()) {
        group.add(prepared.get());
        if (kind == BitrixCommandKind.REGISTER) {
          registerKeyByLeg.put(leg, key);
        }
      } else {
        resolved.add(p);
      }
    }
    // Commands resolved without a request leave the queue now; the group leaves when answered.
    queue.removeAll(resolved);
    return group;
  }

  private void sendOne(Prepared g, long now) {
    BitrixReply reply = client.call(g.method(), g.params(), g.callIdFromRegister());
    if (reply instanceof BitrixReply.Success ok) {
      metrics.request(portal.id(), g.method(), "ok");
      applied(g, ok.result(), ok.time(), now);
    } else {
      BitrixReply.Failure f = (BitrixReply.Failure) reply;
      metrics.request(portal.id(), g.method(), f.errorClass().name());
      failed(g, f.error(), f.errorClass(), now);
    }
  }

  private void sendBatch(List<Prepared> group, long now) {
    List<BatchCommand> commands = group.stream()
        .map(g -> new BatchCommand(g.key(), g.method(), g.params())).toList();
    BitrixReply reply = client.batch(commands);
    if (reply instanceof BitrixReply.Failure f) {
      metrics.request(portal.id(), "batch", f.errorClass().name());
      failed(group.get(0), f.error(), f.errorClass(), now);
      return;
    }
    metrics.request(portal.id(), "batch", "ok");
    BatchReply batch = BitrixClient.parseBatch(((BitrixReply.Success) reply).result());
    for (Prepared g : group) {
      JsonNode result = batch.results().get(g.key());
      if (result != null) {
        applied(g, result, batch.times().getOrDefault(g.key(), OperatingTime.NONE), now);
        continue;
      }
      BitrixError error = batch.errors().get(g.key());
      if (error != null) {
        failed(g, error, classifier.classify(error, g.method(), g.callIdFromRegister()), now);
      }
      // halt=1: the commands after the failed one did not run and stay queued.
      break;
    }
  }

  private void applied(Prepared g, JsonNode result, OperatingTime time, long now) {
    lastTime.put(g.method(), time);
    budget.record(g.method(), time, now);
    BitrixCommand c = g.pending().command;
    String callId = c.getKind() == BitrixCommandKind.REGISTER ? result.path("CALL_ID").asText(null)
        : Optional.ofNullable(c.getParams().get(CallPlanner.CRM_CALL_ID_PARAM))
            .or(() -> index.callId(c.getLegId())).orElse(null);
    queue.remove(g.pending());
    recorder.outcome(g.pending(), OutcomeStatus.APPLIED, callId, null);
  }

  private void failed(Prepared g, BitrixError error, ErrorClass cls, long now) {
    Pending p = g.pending();
    switch (cls) {
      case ALREADY_APPLIED -> {
        queue.remove(p);
        recorder.outcome(p, OutcomeStatus.ALREADY_APPLIED,
            index.callId(p.command.getLegId()).orElse(null), error);
      }
      case RETRY, MAYBE_APPLIED -> {
        p.failures++;
        p.maybeApplied |= cls == ErrorClass.MAYBE_APPLIED;
        metrics.retry(portal.id(), cls.name());
        if ("QUERY_LIMIT_EXCEEDED".equals(error.code())) {
          bucket.fill(now);
        }
        if ("OPERATION_TIME_LIMIT".equals(error.code())) {
          budget.block(g.method(), lastTime.getOrDefault(g.method(), OperatingTime.NONE), now);
        }
        if (p.failures >= config.maxAttempts()) {
          queue.remove(p);
          recorder.deadLetter(p, "gave up after " + p.failures + " attempts; last: " + error,
              cls.name(), error);
          return;
        }
        long delay = backoff.delayMillis(p.failures);
        p.notBeforeMillis = now + delay;
        LogContext.of(p.command).run(() ->
            LOG.warn("portal {}: {} {} of {} failed ({}, {}); attempt {}/{}, next in {} ms",
                portal.id(), p.command.getKind(), p.command.getCommandId(), p.command.getCallId(),
                cls, client.redactor().redact(error.toString()), p.failures, config.maxAttempts(),
                delay));
      }
      default -> {
        queue.remove(p);
        recorder.deadLetter(p, client.redactor().redact(error.toString()), cls.name(), error);
      }
    }
  }

  static String method(BitrixCommandKind kind) {
    return switch (kind) {
      case REGISTER -> "telephony.externalcall.register";
      case SHOW -> "telephony.externalcall.show";
      case HIDE -> "telephony.externalcall.hide";
      case FINISH -> "telephony.externalcall.finish";
      case ATTACH_RECORD -> "telephony.externalCall.attachRecord";
      default -> "unknown";
    };
  }
}
