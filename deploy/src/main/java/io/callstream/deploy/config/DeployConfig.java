package io.callstream.deploy.config;

import io.callstream.schemas.topics.Topics;
import io.callstream.schemas.topics.ValueSerdeFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code callstream.yaml} translated into what each component reads: Kafka client settings, the
 * topics, and the flat keys of the producer ({@code ami.*}), the correlator ({@code correlator.*})
 * and the sink ({@code bitrix.*}, {@code sink.*}). A PBX is described once under {@code pbxs} and
 * feeds all three. Keys of the component sections are checked by the components themselves.
 */
public final class DeployConfig {

  /** What a PBX entry may hold; anything else is a typo. */
  static final Set<String> PBX_KEYS = Set.of("host", "port", "username", "secret.env",
      "secret.file", "tls", "events", "portal", "timezone", "dialplan.preset",
      "dialplan.trunk.patterns", "dialplan.extension.patterns", "dialplan.extension.max.digits");
  static final Set<String> TOPIC_KEYS = Set.of("prefix", "create", "partitions", "replication.factor");
  static final Set<String> OPS_KEYS = Set.of("bind", "port", "state.dir");
  /** The sink's own keys; every other {@code sink:} key is a Bitrix24 behaviour ({@code bitrix.*}). */
  private static final Set<String> SINK_OWN_KEYS = Set.of("application.id", "processing.guarantee");

  private final ConfigDocument doc;

  private DeployConfig(ConfigDocument doc) {
    this.doc = doc;
    checkKeys(ConfigSections.TOPICS, doc.section(ConfigSections.TOPICS), TOPIC_KEYS);
    checkKeys(ConfigSections.OPS, doc.section(ConfigSections.OPS), OPS_KEYS);
    for (String pbx : pbxIds()) {
      Map<String, String> keys = doc.child(ConfigSections.PBXS, pbx);
      keys.keySet().stream().filter(k -> !PBX_KEYS.contains(k) && !k.matches("filter\\.\\d+"))
          .findFirst().ifPresent(k -> {
            throw new ConfigException("pbxs." + pbx + "." + k, "unknown key"
                + Suggestions.didYouMean(k, PBX_KEYS) + ". A PBX takes: " + String.join(", ", PBX_KEYS));
          });
    }
    if (doc.section(ConfigSections.KAFKA).get("bootstrap.servers") == null) {
      throw new ConfigException("kafka.bootstrap.servers", "is required: the Kafka cluster's host:port list");
    }
  }

  public static DeployConfig load(Path file, Map<String, String> environment) {
    return new DeployConfig(ConfigDocument.load(file, ConfigSections.ALL, environment));
  }

  public List<String> pbxIds() {
    return doc.children(ConfigSections.PBXS);
  }

  public Map<String, Object> kafka() {
    return new LinkedHashMap<>(doc.section(ConfigSections.KAFKA));
  }

  public Topics topics() {
    String serde = doc.section(ConfigSections.SERDE).getOrDefault("value.class",
        ValueSerdeFactory.DEFAULT_SERDE_CLASS);
    return new Topics(topicSetting("prefix", ""), new ValueSerdeFactory(serde, Map.of()));
  }

  public boolean createTopics() {
    return Boolean.parseBoolean(topicSetting("create", "true"));
  }

  public int partitions() {
    return positiveInt("topics.partitions", topicSetting("partitions", "6"));
  }

  public short replicationFactor() {
    return (short) positiveInt("topics.replication.factor", topicSetting("replication.factor", "1"));
  }

  public String opsBind() {
    return doc.section(ConfigSections.OPS).getOrDefault("bind", "127.0.0.1");
  }

  public int opsPort() {
    String port = doc.section(ConfigSections.OPS).getOrDefault("port", "9400");
    int value = port.equals("0") ? 0 : positiveInt("ops.port", port);
    if (value > 65535) {
      throw new ConfigException("ops.port", "is " + value + "; use 1..65535, or 0 for any free port");
    }
    return value;
  }

  public Path stateDir() {
    return Path.of(doc.section(ConfigSections.OPS).getOrDefault("state.dir", "./callstream-state"));
  }

  /** The producer's {@code ami.*} keys. */
  public Map<String, String> producerKeys() {
    Map<String, String> keys = prefixed("ami.", doc.section(ConfigSections.PRODUCER));
    for (String pbx : pbxIds()) {
      doc.child(ConfigSections.PBXS, pbx).forEach((k, v) -> {
        if (!k.startsWith("dialplan.") && !k.equals("portal") && !k.equals("timezone")) {
          keys.put("ami.pbx." + pbx + "." + k, v);
        }
      });
    }
    return keys;
  }

  /** The correlator's {@code correlator.*} keys. */
  public Map<String, String> correlatorKeys() {
    Map<String, String> keys = prefixed("correlator.", doc.section(ConfigSections.CORRELATOR));
    for (String pbx : pbxIds()) {
      doc.child(ConfigSections.PBXS, pbx).forEach((k, v) -> {
        if (k.startsWith("dialplan.")) {
          keys.put("correlator.pbx." + pbx + "." + k, v);
        }
      });
    }
    return keys;
  }

  /** The sink's {@code bitrix.*} and {@code sink.*} keys; the routing comes from each PBX's portal. */
  public Map<String, String> sinkKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    doc.section(ConfigSections.SINK).forEach((k, v) ->
        keys.put((SINK_OWN_KEYS.contains(k) ? "sink." : "bitrix.") + k, v));
    List<String> portals = doc.children(ConfigSections.PORTALS);
    keys.put("bitrix.portals", String.join(",", portals));
    for (String portal : portals) {
      doc.child(ConfigSections.PORTALS, portal).forEach((k, v) ->
          keys.put("bitrix.portal." + portal + "." + k, v));
    }
    StringBuilder routed = new StringBuilder();
    for (String pbx : pbxIds()) {
      Map<String, String> p = doc.child(ConfigSections.PBXS, pbx);
      if (p.containsKey("portal")) {
        routed.append(routed.length() == 0 ? "" : ",").append(pbx);
        keys.put("sink.pbx." + pbx + ".portal", p.get("portal"));
        if (p.containsKey("timezone")) {
          keys.put("sink.pbx." + pbx + ".timezone", p.get("timezone"));
        }
      }
    }
    keys.put("sink.pbx.ids", routed.toString());
    // The sink holds a CRM call's timeout until the correlator has caught up: it reads that
    // correlator's consumer group, whose name is the correlator's application id. Unset here, the
    // correlator and the sink share the same default.
    String correlatorId = doc.section(ConfigSections.CORRELATOR).get("application.id");
    if (correlatorId != null) {
      keys.put("sink.correlator.application.id", correlatorId);
    }
    return keys;
  }

  private String topicSetting(String key, String defaultValue) {
    return doc.section(ConfigSections.TOPICS).getOrDefault(key, defaultValue);
  }

  private static Map<String, String> prefixed(String prefix, Map<String, String> section) {
    Map<String, String> keys = new LinkedHashMap<>();
    section.forEach((k, v) -> keys.put(prefix + k, v));
    return keys;
  }

  private static void checkKeys(String section, Map<String, String> keys, Set<String> allowed) {
    for (String k : keys.keySet()) {
      if (!allowed.contains(k)) {
        throw new ConfigException(section + "." + k, "unknown key" + Suggestions.didYouMean(k, allowed)
            + ". Known: " + String.join(", ", allowed));
      }
    }
  }

  private static int positiveInt(String key, String value) {
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed < 1) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + value + "' is not a whole number above 0");
    }
  }
}
