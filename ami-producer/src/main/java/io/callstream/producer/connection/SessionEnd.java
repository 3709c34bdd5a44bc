package io.callstream.producer.connection;

/**
 * Why a session ended (or never started), and what that means for the next attempt. Every
 * failure of a connection is classified here, in one place.
 */
public enum SessionEnd {
  /** TCP/TLS connect failed or timed out: the PBX is down or unreachable. Back off and retry. */
  CONNECT_FAILED(Retry.BACKOFF),
  /** Banner, challenge or login answer did not come in time. Back off and retry. */
  LOGIN_TIMEOUT(Retry.BACKOFF),
  /** The PBX rejected the credentials. Retry slowly, a bounded number of times. */
  AUTH_REJECTED(Retry.AUTH),
  /** The PBX closed the connection or a read failed. Back off and retry. */
  CONNECTION_LOST(Retry.BACKOFF),
  /** No answer to Ping in time: a half-open TCP connection. Back off and retry. */
  KEEPALIVE_TIMEOUT(Retry.BACKOFF),
  /** Kafka fell behind longer than the hand-off holds; frames were dropped (counted). */
  HANDOFF_FULL(Retry.BACKOFF),
  /** Kafka refused a record: the sequence has a hole, so start a new session. */
  KAFKA_SEND_FAILED(Retry.BACKOFF),
  /** The producer is shutting down. */
  SHUTDOWN(Retry.STOP);

  /** What to do after an end of this kind. */
  public enum Retry { BACKOFF, AUTH, STOP }

  private final Retry retry;

  SessionEnd(Retry retry) {
    this.retry = retry;
  }

  public Retry retry() {
    return retry;
  }
}
