package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixCommand;
import org.apache.kafka.common.TopicPartition;

/** A command read from the outbox and not finished yet, with its retry state. */
final class Pending {
  final TopicPartition partition;
  final long offset;
  final BitrixCommand command;
  int failures;
  long notBeforeMillis;
  boolean maybeApplied;

  Pending(TopicPartition partition, long offset, BitrixCommand command) {
    this.partition = partition;
    this.offset = offset;
    this.command = command;
  }
}
