package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.mapping.CrmCallTimeout;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a due CRM-call timeout only once the correlator has processed its PBX's raw events past
 * the due time: its consumer group's committed offset on the raw partition of that PBX (key
 * pbxId, the producer's default partitioner) is beyond the first record stamped at or after the
 * due time, or, when there is none yet, at the partition's end. Otherwise a correlator that is
 * down or far behind would let the timeout finish, as not answered, a call that did take place.
 * A held timeout is looked at again every {@link #MAX_RECHECK} (or every timeout period when
 * shorter), and once the correlator has caught up it waits one more of those, for the planner. When the group's progress cannot be read (no ACL, another application id, no offsets
 * on the raw topic) the timeout opens as it did before this check, with one warning; a failed
 * read is retried at most {@link #MAX_FAILED_READS} times before the same fallback. One instance
 * per portal lane: not thread-safe; the {@link Admin} is shared.
 */
final class CorrelatorProgress implements TimeoutGate {

  static final Duration MAX_RECHECK = Duration.ofSeconds(30);
  static final int MAX_FAILED_READS = 3;
  private static final int ADMIN_TIMEOUT_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(CorrelatorProgress.class);

  enum Failure { TRANSIENT, UNREADABLE }

  private enum Verdict { PASSED, BEHIND, NO_OFFSETS }

  private final String portalId;
  private final String groupId;
  private final TopicDescriptor<String, ?> raw;
  private final Admin admin;
  private final Clock clock;
  private final long recheckMillis;
  /** Per PBX: every timeout due at or before this was found passed. */
  private final Map<String, Long> passedUpTo = new HashMap<>();
  /** Per PBX: when a read last found it behind or failed, so the next waits for the recheck. */
  private final Map<String, Long> heldAt = new HashMap<>();
  /** Per PBX: when a held PBX was first found caught up; it opens one recheck later. */
  private final Map<String, Long> caughtUpAt = new HashMap<>();
  private int failedReads;
  private boolean unreadableWarned;
  private boolean heldWarned;
  private String lastBehind = "";

  CorrelatorProgress(String portalId, SinkConfig config, TopicDescriptor<String, ?> raw,
      Admin admin, Clock clock) {
    this.portalId = portalId;
    this.groupId = config.correlatorApplicationId();
    this.raw = raw;
    this.admin = admin;
    this.clock = clock;
    this.recheckMillis = Math.min(MAX_RECHECK.toMillis(), config.crmCallTimeout().toMillis());
  }

  @Override
  public boolean open(BitrixCommand timeout) {
    long due = CrmCallTimeout.finishAt(timeout);
    if (due <= timeout.getCreatedAt().toEpochMilli()) {
      return true; // a refused request, due at once: no PBX was asked, no lifecycle can come
    }
    String pbx = timeout.getPbxId();
    if (due <= passedUpTo.getOrDefault(pbx, Long.MIN_VALUE)) {
      return true;
    }
    long now = clock.millis();
    Long held = heldAt.get(pbx);
    if (held != null && now - held < recheckMillis) {
      return false;
    }
    try {
      Verdict verdict = read(pbx, due);
      if (verdict == Verdict.NO_OFFSETS) {
        return fallBack(pbx, "the group has committed no offset on " + raw.name());
      }
      boolean passed = verdict == Verdict.PASSED;
      failedReads = 0;
      if (unreadableWarned) {
        LOG.info("portal {}: the progress of correlator group {} on {} is readable again; "
            + "CRM-call timeouts wait for it", portalId, groupId, raw.name());
        unreadableWarned = false;
      }
      if (passed && held != null && caughtUpAt.putIfAbsent(pbx, now) == null) {
        // It was behind and has just caught up: what it produced on the way (perhaps this very
        // call's lifecycle) must still pass the planner and reach this dispatcher, which claims
        // the timeout; so the timeout waits one more recheck.
        heldAt.put(pbx, now);
        return false;
      }
      if (passed) {
        passedUpTo.merge(pbx, due, Math::max);
        heldAt.remove(pbx);
        caughtUpAt.remove(pbx);
      } else {
        heldAt.put(pbx, now);
        caughtUpAt.remove(pbx);
      }
      return passed;
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (classify(cause) == Failure.UNREADABLE || ++failedReads >= MAX_FAILED_READS) {
        return fallBack(pbx, cause.toString());
      }
      heldAt.put(pbx, now);
      LOG.warn("portal {}: reading the progress of correlator group {} failed ({}); attempt {}/{}, "
          + "next in {} ms", portalId, groupId, cause, failedReads, MAX_FAILED_READS, recheckMillis);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      heldAt.put(pbx, now);
      return false;
    }
  }

  private boolean fallBack(String pbx, String why) {
    failedReads = 0;
    heldAt.remove(pbx);
    if (!unreadableWarned) {
      LOG.warn("portal {}: cannot read the progress of correlator group {} on {} ({}); CRM-call "
          + "timeouts fire on this clock alone, even while the correlator is behind. Set {} to the "
          + "correlator's application.id and allow this client to describe that group",
          portalId, groupId, raw.name(), why, SinkConfig.CORRELATOR_APPLICATION_ID);
      unreadableWarned = true;
    }
    return true;
  }

  @Override
  public void held(int count) {
    if (count > 0 && !heldWarned) {
      LOG.warn("portal {}: {} CRM-call timeouts held: correlator {} behind on {} ({}); they fire "
          + "once it has caught up", portalId, count, groupId, raw.name(), lastBehind);
      heldWarned = true;
    } else if (count == 0 && heldWarned) {
      LOG.info("portal {}: no CRM-call timeout held for correlator {} any more", portalId, groupId);
      heldWarned = false;
    }
  }

  private Verdict read(String pbx, long due)
      throws ExecutionException, InterruptedException, TimeoutException {
    String topic = raw.name();
    int partitions = admin.describeTopics(List.of(topic),
            new DescribeTopicsOptions().timeoutMs(ADMIN_TIMEOUT_MS)).allTopicNames()
        .get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).get(topic).partitions().size();
    TopicPartition tp = new TopicPartition(topic,
        partitionOf(raw.keySerde().serializer().serialize(topic, pbx), partitions));
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId,
            new ListConsumerGroupOffsetsOptions().timeoutMs(ADMIN_TIMEOUT_MS))
        .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    boolean readsRaw = committed.entrySet().stream()
        .anyMatch(e -> e.getKey().topic().equals(topic) && e.getValue() != null);
    if (!readsRaw) {
      return Verdict.NO_OFFSETS;
    }
    long start = offset(tp, OffsetSpec.earliest());
    long end = offset(tp, OffsetSpec.latest());
    long atDue = offset(tp, OffsetSpec.forTimestamp(due));
    OffsetAndMetadata c = committed.get(tp);
    // No commit on this partition yet: the correlator (auto.offset.reset=earliest) starts at the
    // log start, as it does after retention deleted what it had committed.
    long position = c == null ? start : Math.max(c.offset(), start);
    boolean passed = caughtUp(position, end, atDue);
    if (!passed) {
      lastBehind = "partition " + tp.partition() + " committed at " + position + ", "
          + (atDue >= 0 ? "needs to pass " + atDue : "end " + end);
    }
    return passed ? Verdict.PASSED : Verdict.BEHIND;
  }

  private long offset(TopicPartition tp, OffsetSpec spec)
      throws ExecutionException, InterruptedException, TimeoutException {
    return admin.listOffsets(Map.of(tp, spec), new ListOffsetsOptions().timeoutMs(ADMIN_TIMEOUT_MS))
        .partitionResult(tp).get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS).offset();
  }

  /**
   * @param position the group's next offset to process
   * @param atDue the first record stamped at or after the due time, -1 if there is none yet
   */
  static boolean caughtUp(long position, long end, long atDue) {
    return atDue >= 0 ? position > atDue : position >= end;
  }

  /** The partition the producer's default partitioner puts {@code key} in. */
  static int partitionOf(byte[] key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  /** Retriable broker errors are worth another read; anything else will not change by retrying. */
  static Failure classify(Throwable t) {
    return t instanceof RetriableException || t instanceof TimeoutException
        ? Failure.TRANSIENT : Failure.UNREADABLE;
  }
}
