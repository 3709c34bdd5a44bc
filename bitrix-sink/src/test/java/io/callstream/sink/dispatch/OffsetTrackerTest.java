package io.callstream.sink.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  private static final TopicPartition A = new TopicPartition("commands", 0);
  private static final TopicPartition B = new TopicPartition("commands", 1);

  private static Pending pending(TopicPartition tp, long offset) {
    return new Pending(tp, offset, BitrixCommand.newBuilder().setCommandId("c" + offset)
        .setPortalId("main").setPbxId("pbx1").setCallId("x").setLegId("x")
        .setKind(BitrixCommandKind.SHOW).setCreatedAt(Instant.EPOCH).build(), 0);
  }

  @Test
  void aPartitionIsCommittedUpToItsOldestOpenRecordWhateverOrderTheLanesFinishIn() {
    OffsetTracker t = new OffsetTracker();
    t.read(A, 10, true);
    t.read(A, 11, true);
    t.read(A, 12, false);
    t.read(B, 3, true);
    assertThat(t.committable()).isEqualTo(Map.of(A, new OffsetAndMetadata(10),
        B, new OffsetAndMetadata(3)));
    t.done(pending(A, 11));
    t.done(pending(B, 3));
    assertThat(t.committable()).isEqualTo(Map.of(A, new OffsetAndMetadata(10),
        B, new OffsetAndMetadata(4)));
    assertThat(t.open(A)).isEqualTo(1);
    t.done(pending(A, 10));
    assertThat(t.committable()).containsEntry(A, new OffsetAndMetadata(13));
    t.read(A, 13, true);
    t.forget(List.of(A));
    assertThat(t.committable()).containsOnlyKeys(B);
    assertThat(t.open(A)).isZero();
  }
}
