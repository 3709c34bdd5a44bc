package io.callstream.kafka.embedded;

/** A Kafka cluster a test talks to, however it was started. */
public interface KafkaBroker {

  /** The {@code bootstrap.servers} value for clients. */
  String bootstrapServers();

  /** Where it runs, in words, for test logs. */
  String description();
}
