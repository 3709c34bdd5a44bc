package io.callstream.producer.connection;

/** How a session ended: the classification and the reason in words (never with a secret). */
record Ended(SessionEnd kind, String reason) {
}
