package io.callstream.producer.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns flat {@code ami.*} keys into a {@link ProducerConfig}, naming the key on every error. */
final class ConfigReader {

  private static final Set<String> GLOBAL_NAMES =
      ConfigKeys.GLOBAL.stream().map(ConfigKey::name).collect(Collectors.toSet());
  private static final Set<String> PBX_SUFFIXES = Set.of("host", "port", "username", "secret.env",
      "secret.file", "tls", "events", ConfigKeys.ORIGINATE_CONTEXT.name(),
      ConfigKeys.ORIGINATE_CHANNEL_TEMPLATE.name(), ConfigKeys.ORIGINATE_CALLER_ID.name(),
      ConfigKeys.ORIGINATE_EXTENSION_PATTERN.name(), ConfigKeys.ORIGINATE_TIMEOUT.name(),
      ConfigKeys.ORIGINATE_CALLBACK_CHANNEL_TEMPLATE.name(),
      ConfigKeys.ORIGINATE_CALLBACK_CONTEXT.name(), ConfigKeys.ORIGINATE_CALLBACK_DESTINATION.name());

  private final Map<String, String> values;
  private final Function<String, String> environment;

  ConfigReader(Map<String, String> values, Function<String, String> environment) {
    this.values = new TreeMap<>(values);
    this.environment = environment;
  }

  ProducerConfig read() {
    Set<String> pbxIds = new TreeSet<>();
    for (String key : values.keySet()) {
      if (key.startsWith(ConfigKeys.PBX_PREFIX)) {
        String rest = key.substring(ConfigKeys.PBX_PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
          throw new ConfigException(key, "expected ami.pbx.<pbxId>.<setting>, e.g. ami.pbx.main.host");
        }
        pbxIds.add(rest.substring(0, dot));
        checkPbxSuffix(key, rest.substring(dot + 1));
      } else if (key.startsWith("ami.") && !GLOBAL_NAMES.contains(key)) {
        throw new ConfigException(key, "unknown key; known keys: " + String.join(", ", GLOBAL_NAMES));
      }
    }
    List<PbxConfig> pbxs = new ArrayList<>();
    for (String id : pbxIds) {
      pbxs.add(pbx(id));
    }
    String capture = string(ConfigKeys.CAPTURE_DIR);
    return new ProducerConfig(pbxs,
        millis(ConfigKeys.RECONNECT_INITIAL_DELAY), millis(ConfigKeys.RECONNECT_MAX_DELAY),
        decimal(ConfigKeys.RECONNECT_JITTER), millis(ConfigKeys.AUTH_RETRY_DELAY),
        integer(ConfigKeys.AUTH_MAX_RETRIES.name(), string(ConfigKeys.AUTH_MAX_RETRIES)),
        millis(ConfigKeys.CONNECT_TIMEOUT), millis(ConfigKeys.LOGIN_TIMEOUT),
        millis(ConfigKeys.KEEPALIVE_INTERVAL), millis(ConfigKeys.KEEPALIVE_TIMEOUT),
        list(string(ConfigKeys.RESYNC_ACTIONS)), millis(ConfigKeys.RESYNC_TIMEOUT),
        integer(ConfigKeys.HANDOFF_CAPACITY.name(), string(ConfigKeys.HANDOFF_CAPACITY)),
        integer(ConfigKeys.FRAME_MAX_BYTES.name(), string(ConfigKeys.FRAME_MAX_BYTES)),
        capture.isBlank() ? Optional.empty() : Optional.of(Path.of(capture.trim())),
        commands());
  }

  private CommandsConfig commands() {
    String enabled = string(ConfigKeys.COMMANDS_ENABLED).trim();
    if (!enabled.equals("true") && !enabled.equals("false")) {
      throw new ConfigException(ConfigKeys.COMMANDS_ENABLED.name(), "must be true or false, was '"
          + enabled + "'");
    }
    String group = string(ConfigKeys.COMMANDS_GROUP_ID).trim();
    return new CommandsConfig(Boolean.parseBoolean(enabled),
        group.isEmpty() ? Optional.empty() : Optional.of(group), millis(ConfigKeys.COMMANDS_PBX_WAIT),
        millis(ConfigKeys.COMMANDS_MAX_AGE), millis(ConfigKeys.COMMANDS_RESPONSE_TIMEOUT), millis(ConfigKeys.COMMANDS_TRACE_LOOKBACK));
  }

  private OriginateConfig originate(String prefix) {
    String patternKey = prefix + ConfigKeys.ORIGINATE_EXTENSION_PATTERN.name();
    String destination = pbxValue(prefix, ConfigKeys.ORIGINATE_CALLBACK_DESTINATION).trim();
    try {
      return new OriginateConfig(pbxValue(prefix, ConfigKeys.ORIGINATE_CONTEXT).trim(),
          pbxValue(prefix, ConfigKeys.ORIGINATE_CHANNEL_TEMPLATE).trim(),
          pbxValue(prefix, ConfigKeys.ORIGINATE_CALLER_ID).trim(),
          OriginateConfig.extensionPattern(patternKey,
              pbxValue(prefix, ConfigKeys.ORIGINATE_EXTENSION_PATTERN).trim()),
          Duration.ofMillis(integer(prefix + ConfigKeys.ORIGINATE_TIMEOUT.name(),
              pbxValue(prefix, ConfigKeys.ORIGINATE_TIMEOUT))),
          pbxValue(prefix, ConfigKeys.ORIGINATE_CALLBACK_CHANNEL_TEMPLATE).trim(),
          pbxValue(prefix, ConfigKeys.ORIGINATE_CALLBACK_CONTEXT).trim(),
          destination.isEmpty() ? Optional.empty() : Optional.of(destination));
    } catch (ConfigException e) {
      // OriginateConfig names the key with a placeholder; name this PBX's key instead.
      throw new ConfigException(e.getMessage().replace(ConfigKeys.PBX_PREFIX + "<pbxId>.", prefix)
          .replaceFirst(": .*", ""), e.getMessage().replaceFirst("^[^:]*: ", ""));
    }
  }

  private String pbxValue(String prefix, ConfigKey key) {
    return values.getOrDefault(prefix + key.name(), key.defaultValue());
  }

  private static void checkPbxSuffix(String key, String suffix) {
    if (suffix.equals("secret") || suffix.equals("password")) {
      throw new ConfigException(key, "secrets are not accepted as configuration values (they would "
          + "show up in files, process lists and logs); use .secret.env or .secret.file instead");
    }
    if (!PBX_SUFFIXES.contains(suffix) && !suffix.matches("filter\\.[0-9]+")) {
      throw new ConfigException(key, "unknown per-PBX setting '" + suffix + "'; known: "
          + String.join(", ", new TreeSet<>(PBX_SUFFIXES)) + ", filter.<n>");
    }
  }

  private PbxConfig pbx(String id) {
    String prefix = ConfigKeys.PBX_PREFIX + id + ".";
    String host = values.get(prefix + "host");
    String port = values.getOrDefault(prefix + "port", ConfigKeys.PBX_PORT.defaultValue());
    String tls = values.getOrDefault(prefix + "tls", ConfigKeys.PBX_TLS.defaultValue());
    if (!tls.equals("true") && !tls.equals("false")) {
      throw new ConfigException(prefix + "tls", "must be true or false, was '" + tls + "'");
    }
    return new PbxConfig(id, host == null ? null : host.trim(), integer(prefix + "port", port),
        values.get(prefix + "username"), secret(prefix), Boolean.parseBoolean(tls),
        values.getOrDefault(prefix + "events", ConfigKeys.PBX_EVENTS.defaultValue()).trim(),
        filters(prefix), originate(prefix));
  }

  private Secret secret(String prefix) {
    String env = values.get(prefix + "secret.env");
    String file = values.get(prefix + "secret.file");
    if ((env == null) == (file == null)) {
      throw new ConfigException(prefix + "secret.env", "set exactly one of " + prefix
          + "secret.env (an environment variable name) and " + prefix + "secret.file");
    }
    if (env != null) {
      String value = environment.apply(env.trim());
      if (value == null || value.isEmpty()) {
        throw new ConfigException(prefix + "secret.env", "the environment variable '" + env.trim()
            + "' is not set or empty; export it before starting");
      }
      return Secret.of(value);
    }
    try {
      String content = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8);
      return Secret.of(content.replaceAll("\\r?\\n$", ""));
    } catch (IOException e) {
      throw new ConfigException(prefix + "secret.file", "cannot read '" + file.trim() + "' ("
          + e.getClass().getSimpleName() + "); make the file readable by this process");
    }
  }

  private List<String> filters(String prefix) {
    Map<Integer, String> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith(prefix + "filter.")) {
        String index = e.getKey().substring((prefix + "filter.").length());
        byIndex.put(integer(e.getKey(), index), e.getValue());
      }
    }
    return List.copyOf(byIndex.values());
  }

  private String string(ConfigKey key) {
    return values.getOrDefault(key.name(), key.defaultValue());
  }

  private Duration millis(ConfigKey key) {
    return Duration.ofMillis(integer(key.name(), string(key)));
  }

  private double decimal(ConfigKey key) {
    try {
      return Double.parseDouble(string(key).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key.name(), "must be a decimal number, was '" + string(key) + "'");
    }
  }

  private static int integer(String key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "must be a whole number, was '" + value + "'");
    }
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
