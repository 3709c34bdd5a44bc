package io.callstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardLatencyTest {

  @Test
  void shouldMeasureFromTheRingFramesArrivalToTheRegister() {
    CardLatency join = new CardLatency();
    join.frame("pbx-1", 1_000_000_123_456L, 5_000_000_000L);
    join.ringing("pbx-1/1.1", "pbx-1", 1_000_000_123L);
    join.registered("pbx-1/1.1", 5_000_012L);

    assertThat(join.latenciesMillis(0)).containsExactly(12.0);
    assertThat(join.unmatched()).isZero();
  }

  @Test
  void shouldSplitTheLatencyIntoHopsByTheBrokersAppendTimes() {
    CardLatency join = new CardLatency();
    join.frame("pbx-1", 1_000_000_123_456L, 5_000_000_000L, 5_000_004L);
    join.ringing("pbx-1/1.1", "pbx-1", 1_000_000_123L, 5_000_010L);
    join.commanded("pbx-1/1.1", 5_000_031L);
    join.commanded("pbx-1/1.1", 5_000_090L);
    join.registered("pbx-1/1.1", 5_000_040L);

    assertThat(join.hops(0)).containsExactly(new CardLatency.Hops(40, 4, 6, 21, 9));
  }

  @Test
  void shouldLeaveAHopUnknownWithoutItsAppendTime() {
    CardLatency join = new CardLatency();
    join.frame("pbx-1", 1_000_000L, 10_000_000L);
    join.ringing("c", "pbx-1", 1_000L, 10_003L);
    join.registered("c", 10_020L);

    CardLatency.Hops hops = join.hops(0).get(0);
    assertThat(hops.total()).isEqualTo(20.0);
    assertThat(hops.producer()).isNaN();
    assertThat(hops.planner()).isNaN();
  }

  @Test
  void shouldCountOnlyTheFirstRingAndTheEarliestRegister() {
    CardLatency join = new CardLatency();
    join.frame("pbx-1", 1_000_000L, 10_000_000L);
    join.frame("pbx-1", 9_000_000L, 90_000_000L);
    join.ringing("c", "pbx-1", 1_000L);
    join.ringing("c", "pbx-1", 9_000L);
    join.registered("c", 10_030L);
    join.registered("c", 10_020L);

    assertThat(join.latenciesMillis(0)).containsExactly(20.0);
  }

  @Test
  void shouldPickTheLatestFrameBeforeTheRegisterWhenConcurrentCallsShareAPbxMillisecond() {
    CardLatency join = new CardLatency();
    join.frame("pbx-1", 1_000_100L, 10_000_000L);
    join.frame("pbx-1", 1_000_900L, 10_004_000L);
    join.frame("pbx-1", 1_000_500L, 99_000_000L);
    join.ringing("c", "pbx-1", 1_000L);
    join.registered("c", 10_010L);

    assertThat(join.latenciesMillis(0)).containsExactly(6.0);
  }

  @Test
  void shouldSkipWarmUpAndReportCallsItCannotMatch() {
    CardLatency join = new CardLatency();
    join.frame("pbx-1", 1_000_000L, 10_000_000L);
    join.ringing("early", "pbx-1", 1_000L);
    join.registered("early", 10_005L);
    join.ringing("never-registered", "pbx-1", 1_000L);
    join.commanded("never-registered", 10_001L);
    join.ringing("internal-never-planned", "pbx-1", 1_000L);
    join.ringing("no-frame", "pbx-2", 1_000L);
    join.registered("no-frame", 10_005L);

    assertThat(join.latenciesMillis(10_000_001L)).isEmpty();
    assertThat(join.unmatched()).isEqualTo(2);
  }
}
