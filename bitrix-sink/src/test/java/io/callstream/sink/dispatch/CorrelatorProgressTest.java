package io.callstream.sink.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.errors.CoordinatorNotAvailableException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** The offset arithmetic and error classes of {@link CorrelatorProgress}, no broker. */
class CorrelatorProgressTest {

  @Test
  void shouldPassOnlyOnceTheFirstRecordAtOrAfterTheDueTimeIsProcessed() {
    assertThat(CorrelatorProgress.caughtUp(10, 50, 10)).as("that record is next").isFalse();
    assertThat(CorrelatorProgress.caughtUp(11, 50, 10)).isTrue();
    assertThat(CorrelatorProgress.caughtUp(3, 50, 10)).isFalse();
  }

  @Test
  void shouldPassWithoutARecordAfterTheDueTimeOnlyAtTheEndOfThePartition() {
    assertThat(CorrelatorProgress.caughtUp(50, 50, -1)).isTrue();
    assertThat(CorrelatorProgress.caughtUp(49, 50, -1)).as("older events unprocessed").isFalse();
    assertThat(CorrelatorProgress.caughtUp(0, 0, -1)).as("empty partition").isTrue();
  }

  @Test
  void shouldFindThePartitionTheProducerPutsAPbxIn() {
    for (String pbx : new String[] {"pbx1", "pbx2", "moscow-office", "p"}) {
      byte[] key = pbx.getBytes(StandardCharsets.UTF_8);
      for (int n : new int[] {1, 2, 6, 12}) {
        assertThat(CorrelatorProgress.partitionOf(key, n)).as("%s of %d", pbx, n)
            .isEqualTo(BuiltInPartitioner.partitionForKey(key, n));
      }
    }
  }

  @Test
  void shouldRetryOnlyWhatMayPassAndFallBackOnWhatWillNot() {
    assertThat(CorrelatorProgress.classify(new CoordinatorNotAvailableException("x")))
        .isEqualTo(CorrelatorProgress.Failure.TRANSIENT);
    assertThat(CorrelatorProgress.classify(new TimeoutException()))
        .isEqualTo(CorrelatorProgress.Failure.TRANSIENT);
    assertThat(CorrelatorProgress.classify(new org.apache.kafka.common.errors.TimeoutException("x")))
        .isEqualTo(CorrelatorProgress.Failure.TRANSIENT);
    assertThat(CorrelatorProgress.classify(new GroupAuthorizationException("x")))
        .isEqualTo(CorrelatorProgress.Failure.UNREADABLE);
    assertThat(CorrelatorProgress.classify(new TopicAuthorizationException("x")))
        .isEqualTo(CorrelatorProgress.Failure.UNREADABLE);
    assertThat(CorrelatorProgress.classify(new GroupIdNotFoundException("x")))
        .isEqualTo(CorrelatorProgress.Failure.UNREADABLE);
  }
}
