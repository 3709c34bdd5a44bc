package io.callstream.sink.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeakyBucketTest {

  @Test
  void aNewOwnerAssumesAFullBucketAndThenSendsAtTheDrainRate() {
    LeakyBucket bucket = new LeakyBucket(2, 50, 0);
    assertThat(bucket.waitMillis(0)).isBetween(500L, 502L);
    assertThat(bucket.waitMillis(500)).isZero();
    bucket.take(500);
    assertThat(bucket.waitMillis(500)).isBetween(500L, 502L);
  }

  @Test
  void neverLetsMoreThanBurstPlusRateTimesElapsedThroughLikeTheServersBucket() {
    LeakyBucket bucket = new LeakyBucket(2, 50, 0);
    long now = 30_000;
    int sent = 0;
    for (long t = now; t < now + 10_000; t += 10) {
      if (bucket.waitMillis(t) == 0) {
        bucket.take(t);
        sent++;
      }
    }
    // Full after 30 s idle drain → 50 at once, then 2/s for the remaining 10 s.
    assertThat(sent).isBetween(69, 70);
  }

  @Test
  void fillAfterQueryLimitExceededWaitsForADrainStep() {
    LeakyBucket bucket = new LeakyBucket(5, 250, 0);
    assertThat(bucket.waitMillis(100_000)).isZero();
    bucket.fill(100_000);
    assertThat(bucket.waitMillis(100_000)).isBetween(200L, 202L);
  }

  @Test
  void backoffIsExponentialCappedAndJittered() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), new Random(1));
    assertThat(b.delayMillis(1)).isBetween(250L, 500L);
    assertThat(b.delayMillis(3)).isBetween(1000L, 2000L);
    assertThat(b.delayMillis(30)).isBetween(5000L, 10000L);
    long first = b.delayMillis(4);
    boolean varies = false;
    for (int i = 0; i < 10; i++) {
      varies |= b.delayMillis(4) != first;
    }
    assertThat(varies).isTrue();
  }
}
