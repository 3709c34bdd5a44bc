package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixCommand;
import org.apache.kafka.common.TopicPartition;

/** A command read from the outbox and not finished yet, with its retry state. */
final class Pending {
  final TopicPartition partition;
  final long offset;
  final BitrixCommand command;
  /** Timestamp of the outbox record (when the command was written). */
  final long writtenAtMillis;
  int failures;
  long notBeforeMillis;
  boolean maybeApplied;

  Pending(TopicPartition partition, long offset, BitrixCommand command, long writtenAtMillis) {
    this.partition = partition;
    this.offset = offset;
    this.command = command;
    this.writtenAtMillis = writtenAtMillis;
  }
}
