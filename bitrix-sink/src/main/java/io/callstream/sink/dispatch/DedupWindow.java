package io.callstream.sink.dispatch;

import java.time.Duration;

/**
 * How far back the dispatcher's effectively-once memory reaches ({@code sink.dedup.retention.hours}).
 * A command older than the retention (by the timestamp of its outbox record) is never sent: the
 * outcome of an earlier attempt may have been forgotten. Outcomes are kept a margin longer than
 * that, so every command young enough to be sent still finds its own earlier outcome and its
 * leg's CALL_ID: the margin covers the clock difference between the writers of the outbox and the
 * dispatcher, and a leg's register being done up to a call's length before the leg's last command
 * was written.
 */
final class DedupWindow {

  static final Duration MARGIN = Duration.ofDays(1);

  private final long retentionMillis;

  DedupWindow(Duration retention) {
    this.retentionMillis = retention.toMillis();
  }

  boolean expired(long writtenAtMillis, long nowMillis) {
    return writtenAtMillis < nowMillis - retentionMillis;
  }

  /** Outcomes completed before this are forgotten. */
  long outcomesCutoff(long nowMillis) {
    return nowMillis - retentionMillis - MARGIN.toMillis();
  }

  Duration retention() {
    return Duration.ofMillis(retentionMillis);
  }
}
