package io.callstream.producer.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything the producer needs, validated. Build it with {@link #fromMap} from flat
 * {@code ami.*} keys (see {@link ConfigKeys} and the module README), or directly.
 */
public record ProducerConfig(
    List<PbxConfig> pbxs,
    Duration reconnectInitialDelay,
    Duration reconnectMaxDelay,
    double reconnectJitter,
    Duration authRetryDelay,
    int authMaxRetries,
    Duration connectTimeout,
    Duration loginTimeout,
    Duration keepaliveInterval,
    Duration keepaliveTimeout,
    List<String> resyncActions,
    Duration resyncTimeout,
    int handoffCapacity,
    int frameMaxBytes,
    Optional<Path> captureDir,
    CommandsConfig commands) {

  public ProducerConfig {
    pbxs = List.copyOf(pbxs);
    resyncActions = List.copyOf(resyncActions);
    Set<String> ids = new HashSet<>();
    for (PbxConfig pbx : pbxs) {
      if (!ids.add(pbx.pbxId())) {
        throw new ConfigException(ConfigKeys.PBX_PREFIX + pbx.pbxId(), "configured twice");
      }
    }
    positive(ConfigKeys.RECONNECT_INITIAL_DELAY, reconnectInitialDelay);
    positive(ConfigKeys.RECONNECT_MAX_DELAY, reconnectMaxDelay);
    if (reconnectMaxDelay.compareTo(reconnectInitialDelay) < 0) {
      throw new ConfigException(ConfigKeys.RECONNECT_MAX_DELAY.name(), "must be at least "
          + ConfigKeys.RECONNECT_INITIAL_DELAY.name() + " (" + reconnectInitialDelay.toMillis() + ")");
    }
    if (!(reconnectJitter >= 0 && reconnectJitter <= 1)) {
      throw new ConfigException(ConfigKeys.RECONNECT_JITTER.name(), "must be between 0 and 1");
    }
    positive(ConfigKeys.AUTH_RETRY_DELAY, authRetryDelay);
    if (authMaxRetries < 0) {
      throw new ConfigException(ConfigKeys.AUTH_MAX_RETRIES.name(), "must be >= 0");
    }
    positive(ConfigKeys.CONNECT_TIMEOUT, connectTimeout);
    positive(ConfigKeys.LOGIN_TIMEOUT, loginTimeout);
    positive(ConfigKeys.KEEPALIVE_INTERVAL, keepaliveInterval);
    positive(ConfigKeys.KEEPALIVE_TIMEOUT, keepaliveTimeout);
    positive(ConfigKeys.RESYNC_TIMEOUT, resyncTimeout);
    for (String action : resyncActions) {
      if (!action.matches("[A-Za-z]+")) {
        throw new ConfigException(ConfigKeys.RESYNC_ACTIONS.name(),
            "'" + action + "' is not an AMI action name (letters only)");
      }
    }
    if (handoffCapacity < 16) {
      throw new ConfigException(ConfigKeys.HANDOFF_CAPACITY.name(), "must be >= 16");
    }
    if (commands == null) {
      throw new ConfigException("ami.commands", "required; use CommandsConfig.disabled()");
    }
    if (frameMaxBytes < 1024) {
      throw new ConfigException(ConfigKeys.FRAME_MAX_BYTES.name(), "must be >= 1024");
    }
  }

  /**
   * Reads and validates flat keys.
   *
   * @param values the {@code ami.*} keys (other keys are ignored; unknown {@code ami.*} keys fail)
   * @param environment looks up environment variables named by {@code secret.env}
   * @throws ConfigException naming the first wrong key and the fix
   */
  public static ProducerConfig fromMap(Map<String, String> values,
      Function<String, String> environment) {
    return new ConfigReader(values, environment).read();
  }

  /** Reads the keys with secrets from the process environment. */
  public static ProducerConfig fromMap(Map<String, String> values) {
    return fromMap(values, System::getenv);
  }

  /** This configuration with another PBX list, for callers that build PBXs directly. */
  public ProducerConfig withPbxs(List<PbxConfig> others) {
    return new ProducerConfig(others, reconnectInitialDelay, reconnectMaxDelay, reconnectJitter,
        authRetryDelay, authMaxRetries, connectTimeout, loginTimeout, keepaliveInterval,
        keepaliveTimeout, resyncActions, resyncTimeout, handoffCapacity, frameMaxBytes, captureDir,
        commands);
  }

  /** This configuration with other command settings. */
  public ProducerConfig withCommands(CommandsConfig other) {
    return new ProducerConfig(pbxs, reconnectInitialDelay, reconnectMaxDelay, reconnectJitter,
        authRetryDelay, authMaxRetries, connectTimeout, loginTimeout, keepaliveInterval,
        keepaliveTimeout, resyncActions, resyncTimeout, handoffCapacity, frameMaxBytes, captureDir,
        other);
  }

  private static void positive(ConfigKey key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new ConfigException(key.name(), "must be a positive number of milliseconds");
    }
  }
}
