package io.callstream.producer.connection;

/** Where one PBX connection is in its life. */
public enum ConnectionState {
  /** Connecting or logging in. */
  CONNECTING,
  /** Logged in and reading. */
  CONNECTED,
  /** Waiting before the next attempt. */
  WAITING,
  /** Gave up (rejected credentials after the bounded retries); needs a fix and a restart. */
  FAILED,
  /** Closed by the producer. */
  STOPPED
}
