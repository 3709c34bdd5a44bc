package io.callstream.producer.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {

  /** A "random" source that always returns the same value. */
  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }

  @Test
  void shouldDoubleFromTheInitialDelayUpToTheCapWithoutJitter() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 0, fixed(0.9));
    assertThat(java.util.stream.Stream.generate(backoff::next).limit(7).map(Duration::toMillis))
        .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L);
  }

  @Test
  void shouldSpreadEachDelayByTheJitterInBothDirections() {
    Backoff low = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(60_000), 0.2, fixed(0.0));
    Backoff high = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(60_000), 0.2, fixed(1.0));
    assertThat(low.next()).isEqualTo(Duration.ofMillis(800));
    assertThat(high.next()).isEqualTo(Duration.ofMillis(1200));
  }

  @Test
  void shouldNeverExceedTheCapEvenWithJitter() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 0.5, fixed(1.0));
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofMillis(1000));
    }
  }

  @Test
  void shouldStartAgainFromTheInitialDelayAfterReset() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), 0, fixed(0.5));
    backoff.next();
    backoff.next();
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.attempts()).isEqualTo(1);
  }

  @Test
  void shouldClassifyEveryEndWithABoundedRetry() {
    assertThat(SessionEnd.AUTH_REJECTED.retry()).isEqualTo(SessionEnd.Retry.AUTH);
    assertThat(SessionEnd.SHUTDOWN.retry()).isEqualTo(SessionEnd.Retry.STOP);
    assertThat(SessionEnd.KEEPALIVE_TIMEOUT.retry()).isEqualTo(SessionEnd.Retry.BACKOFF);
    assertThat(SessionEnd.HANDOFF_FULL.retry()).isEqualTo(SessionEnd.Retry.BACKOFF);
  }
}
