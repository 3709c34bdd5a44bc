package io.callstream.producer.commands;

import io.callstream.producer.ami.AmiAction;
import io.callstream.producer.ami.AmiReply;
import io.callstream.producer.ami.AmiSession;
import io.callstream.producer.config.CommandsConfig;
import io.callstream.producer.config.PbxConfig;
import io.callstream.producer.connection.PbxConnection;
import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.PbxCommandExecution;
import io.callstream.schemas.PbxCommandExecutionStatus;
import io.callstream.schemas.PbxCommandFailure;
import io.callstream.schemas.PbxCommandRejection;
import io.callstream.schemas.ami.AmiFrame;
import io.callstream.schemas.logging.LogKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Executes one command once: validate, wait for the PBX, record STARTED durably, send the
 * asynchronous Originate, record SENT. A command found STARTED by an earlier run is only sent
 * again when neither the PBX (CoreShowChannels) nor pbx.ami.events shows its call. Every way a
 * command can end without a call is classified here and ends in the dead-letter topic, a metric
 * and an ERROR (or WARN for invalid input) log line.
 */
public final class CommandExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);

  private final Map<String, PbxConnection> connections;
  private final Map<String, PbxConfig> pbxs;
  private final CommandsConfig config;
  private final ExecutionJournal journal;
  private final CallTrace trace;
  private final CommandMetrics metrics;
  private final Clock clock;

  public CommandExecutor(Map<String, PbxConnection> connections, Map<String, PbxConfig> pbxs,
      CommandsConfig config, ExecutionJournal journal, CallTrace trace, CommandMetrics metrics,
      Clock clock) {
    this.connections = Map.copyOf(connections);
    this.pbxs = Map.copyOf(pbxs);
    this.config = config;
    this.journal = journal;
    this.trace = trace;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Whether this process owns the command's PBX (others ignore it). */
  public boolean owns(String pbxId) {
    return connections.containsKey(pbxId);
  }

  /**
   * Executes the command unless an earlier run finished it. Returns normally once the outcome
   * is durable; throws when the journal cannot be written (the caller retries the command).
   */
  public void execute(PbxCommand command) throws InterruptedException {
    String pbxId = command.getPbxId();
    MDC.put(LogKeys.PBX_ID, pbxId);
    try {
      Optional<PbxCommandExecution> last = journal.last(command.getCommandId());
      if (last.isPresent() && last.get().getStatus() != PbxCommandExecutionStatus.STARTED) {
        LOG.debug("PBX {}: command {} already {}", pbxId, command.getCommandId(), last.get().getStatus());
        return;
      }
      CommandValidator.Result plan = CommandValidator.validate(command, pbxs.get(pbxId).originate());
      if (!plan.valid()) {
        reject(command, plan.field(), plan.reason());
        return;
      }
      CommandIds ids = CommandIds.of(command);
      if (last.isEmpty() && command.getRequestedAt().plus(config.maxAge()).isBefore(clock.instant())) {
        expired(command, ids);
        return;
      }
      Optional<AmiSession> session = connections.get(pbxId).awaitReady(config.pbxWait());
      if (session.isEmpty()) {
        fail(command, ids, PbxCommandFailure.PBX_UNAVAILABLE, "PBX " + pbxId + " not connected within "
            + config.pbxWait().toMillis() + " ms (ami.commands.pbx.wait.ms)");
        return;
      }
      boolean recovering = last.isPresent();
      Instant startedAt = recovering ? last.get().getAt() : clock.instant();
      if (!recovering) {
        journal.record(step(command, ids, PbxCommandExecutionStatus.STARTED, null, startedAt));
      }
      send(command, plan.plan(), ids, startedAt, recovering);
    } finally {
      MDC.remove(LogKeys.PBX_ID);
    }
  }

  /**
   * @param recovering an earlier attempt may have reached the PBX: look for the call first, and
   *     send again only when there is no trace of it
   */
  private void send(PbxCommand command, OriginatePlan plan, CommandIds ids, Instant startedAt,
      boolean recovering) throws InterruptedException {
    Optional<AmiSession> session = connections.get(command.getPbxId()).awaitReady(config.pbxWait());
    if (session.isEmpty()) {
      fail(command, ids, PbxCommandFailure.PBX_UNAVAILABLE, "PBX " + command.getPbxId()
          + " not connected within " + config.pbxWait().toMillis() + " ms (ami.commands.pbx.wait.ms)");
      return;
    }
    if (recovering) {
      Optional<String> found = findCall(session.get(), command.getPbxId(), ids, startedAt);
      if (found.isPresent()) {
        sent(command, ids, found.get());
        return;
      }
      LOG.info("PBX {}: command {} was STARTED before but its call is nowhere (not live, not in "
          + "pbx.ami.events); sending it now", command.getPbxId(), command.getCommandId());
    }
    try {
      AmiReply reply = session.get().send(plan.toAction(ids), ids.actionId())
          .get(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (reply.isSuccess()) {
        sent(command, ids, null);
      } else {
        fail(command, ids, PbxCommandFailure.PBX_REFUSED, "the PBX refused the Originate: "
            + reply.header("Message"));
      }
    } catch (ExecutionException | TimeoutException e) {
      // The Originate may or may not have reached the PBX: decide as after a restart, once.
      if (recovering) {
        fail(command, ids, PbxCommandFailure.OUTCOME_UNKNOWN, "no answer to the Originate twice ("
            + e.getClass().getSimpleName() + "); not sending a third time");
        return;
      }
      LOG.warn("PBX {}: no answer to the Originate of command {} ({}); checking whether the call "
          + "exists before deciding", command.getPbxId(), command.getCommandId(), e.toString());
      send(command, plan, ids, startedAt, true);
    } catch (IllegalStateException e) {
      // The ActionID is still pending on this connection: the first Originate is unanswered.
      fail(command, ids, PbxCommandFailure.OUTCOME_UNKNOWN, "the PBX has not answered the first "
          + "Originate on this connection; not sending a second one");
    }
  }

  /** Where the call was found (the PBX's channel list or the published stream), if anywhere. */
  private Optional<String> findCall(AmiSession session, String pbxId, CommandIds ids,
      Instant startedAt) throws InterruptedException {
    try {
      AmiReply channels = session.sendList(AmiAction.of("CoreShowChannels"))
          .get(config.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
      for (AmiFrame item : channels.items()) {
        if (isOurs(AmiReply.header(item, "Uniqueid"), ids) || isOurs(AmiReply.header(item, "Linkedid"), ids)) {
          return Optional.of("its channel is live on the PBX");
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("PBX {}: CoreShowChannels not answered ({}); relying on pbx.ami.events", pbxId,
          e.toString());
    }
    if (trace.seen(pbxId, ids, startedAt.minus(config.traceLookback()))) {
      return Optional.of("its events are in pbx.ami.events");
    }
    return Optional.empty();
  }

  private static boolean isOurs(String uniqueid, CommandIds ids) {
    return ids.channelId().equals(uniqueid) || ids.otherChannelId().equals(uniqueid);
  }

  private void sent(PbxCommand command, CommandIds ids, String foundHow) {
    journal.record(step(command, ids, PbxCommandExecutionStatus.SENT,
        foundHow == null ? null : "after a restart: " + foundHow, clock.instant()));
    metrics.sent(command.getPbxId());
    LOG.info("PBX {}: command {} ({}) {}, ChannelId {}", command.getPbxId(), command.getCommandId(),
        command.getKind(), foundHow == null ? "sent" : "already placed: " + foundHow, ids.channelId());
  }

  private void reject(PbxCommand command, String field, String reason) {
    CommandIds ids = CommandIds.of(command);
    Instant now = clock.instant();
    journal.deadLetter(rejection(command, PbxCommandFailure.INVALID, reason, field, now));
    journal.record(step(command, ids, PbxCommandExecutionStatus.REJECTED, reason, now));
    metrics.rejected(command.getPbxId());
    LOG.warn("PBX {}: command {} ({}) rejected, nothing sent: {}", command.getPbxId(),
        command.getCommandId(), command.getKind(), reason);
  }

  /** Too old to ring anyone now; a human should follow up, so it is as loud as a failure. */
  private void expired(PbxCommand command, CommandIds ids) {
    long age = Duration.between(command.getRequestedAt(), clock.instant()).toSeconds();
    fail(command, ids, PbxCommandFailure.INVALID, "requestedAt", "expired: requested " + age
        + " s ago, more than ami.commands.max.age.ms (" + config.maxAge().toMillis() + " ms)");
  }

  private void fail(PbxCommand command, CommandIds ids, PbxCommandFailure failure, String reason) {
    fail(command, ids, failure, null, reason);
  }

  private void fail(PbxCommand command, CommandIds ids, PbxCommandFailure failure, String field,
      String reason) {
    Instant now = clock.instant();
    journal.deadLetter(rejection(command, failure, reason, field, now));
    journal.record(step(command, ids, PbxCommandExecutionStatus.FAILED, reason, now));
    metrics.failed(command.getPbxId());
    LOG.error("PBX {}: command {} ({}, number ending {}) FAILED, no call placed: {} ({})",
        command.getPbxId(), command.getCommandId(), command.getKind(), tail(command.getNumber()),
        reason, failure);
  }

  private static String tail(String number) {
    return number.length() <= 4 ? number : number.substring(number.length() - 4);
  }

  private static PbxCommandExecution step(PbxCommand command, CommandIds ids,
      PbxCommandExecutionStatus status, String reason, Instant at) {
    return PbxCommandExecution.newBuilder().setCommandId(command.getCommandId())
        .setPbxId(command.getPbxId()).setStatus(status).setReason(reason)
        .setActionId(ids.actionId()).setChannelId(ids.channelId()).setAt(at).build();
  }

  private static PbxCommandRejection rejection(PbxCommand command, PbxCommandFailure failure,
      String reason, String field, Instant at) {
    return PbxCommandRejection.newBuilder().setCommand(command).setCommandId(command.getCommandId())
        .setPbxId(command.getPbxId()).setFailure(failure).setReason(reason).setField(field)
        .setRejectedAt(at).build();
  }
}
