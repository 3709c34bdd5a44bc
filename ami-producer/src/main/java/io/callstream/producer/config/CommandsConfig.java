package io.callstream.producer.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether and how this producer executes {@code pbx.commands}.
 *
 * @param enabled start the command consumer with the producer
 * @param groupId Kafka consumer group; empty = derived from this process's pbxIds, so two
 *     processes owning different PBXs never share a group (each must see every partition)
 * @param pbxWait how long a command waits for its PBX to be connected before it FAILs
 * @param maxAge commands requested longer ago than this are not executed
 * @param responseTimeout how long to wait for the PBX's answer to an Originate or a check
 * @param traceLookback on recovery, how far before the STARTED record pbx.ami.events is searched
 */
public record CommandsConfig(boolean enabled, Optional<String> groupId, Duration pbxWait,
    Duration maxAge, Duration responseTimeout, Duration traceLookback) {

  public CommandsConfig {
    positive(ConfigKeys.COMMANDS_PBX_WAIT, pbxWait);
    positive(ConfigKeys.COMMANDS_MAX_AGE, maxAge);
    // The consumer is not polled while a command waits (max.poll.interval.ms is 30 minutes).
    if (pbxWait.compareTo(Duration.ofMinutes(20)) > 0) {
      throw new ConfigException(ConfigKeys.COMMANDS_PBX_WAIT.name(), "must be at most 1200000 (20 minutes)");
    }
    positive(ConfigKeys.COMMANDS_RESPONSE_TIMEOUT, responseTimeout);
    positive(ConfigKeys.COMMANDS_TRACE_LOOKBACK, traceLookback);
    if (groupId.isPresent() && !groupId.get().matches("[A-Za-z0-9._+-]{1,200}")) {
      throw new ConfigException(ConfigKeys.COMMANDS_GROUP_ID.name(),
          "only letters, digits and . _ + - are allowed");
    }
  }

  public static CommandsConfig disabled() {
    return new CommandsConfig(false, Optional.empty(), Duration.ofSeconds(60),
        Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofMinutes(2));
  }

  private static void positive(ConfigKey key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new ConfigException(key.name(), "must be a positive number of milliseconds");
    }
  }
}
