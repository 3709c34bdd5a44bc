package io.callstream.correlator.config;

import io.callstream.correlator.dialplan.DialplanPreset;
import io.callstream.correlator.dialplan.DialplanRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The correlator's configuration, validated once at start-up. Build it with {@link #fromMap}
 * (keys below, all lowercase and dotted) or {@link #defaults()}.
 *
 * @param applicationId Kafka Streams application id (also the prefix of internal topics)
 * @param processingGuarantee {@code exactly_once_v2} or {@code at_least_once}
 * @param callTimeout a call with no event for this long (stream time) is closed as UNKNOWN
 * @param sweepInterval how often, in stream time, open calls are checked against the timeout
 * @param dialplan rules for PBXs without their own
 * @param pbxDialplans rules per PBX id
 */
public record CorrelatorConfig(String applicationId, String processingGuarantee,
    Duration callTimeout, Duration sweepInterval, DialplanRules dialplan,
    Map<String, DialplanRules> pbxDialplans) {

  public static final String APPLICATION_ID = "correlator.application.id";
  public static final String PROCESSING_GUARANTEE = "correlator.processing.guarantee";
  public static final String CALL_TIMEOUT_MS = "correlator.call.timeout.ms";
  public static final String SWEEP_INTERVAL_MS = "correlator.sweep.interval.ms";
  public static final String PRESET = "correlator.dialplan.preset";
  public static final String TRUNK_PATTERNS = "correlator.dialplan.trunk.patterns";
  public static final String EXTENSION_PATTERNS = "correlator.dialplan.extension.patterns";
  public static final String EXTENSION_MAX_DIGITS = "correlator.dialplan.extension.max.digits";
  /** Per-PBX override prefix: {@code correlator.pbx.<pbxId>.dialplan.preset} etc. */
  public static final String PBX_PREFIX = "correlator.pbx.";

  /** Every key, its default and what it means (the README lists the same, a test checks it). */
  public static final List<ConfigKey> KEYS = List.of(
      new ConfigKey(APPLICATION_ID, "callstream-correlator",
          "Kafka Streams application.id; internal topics and the consumer group carry it."),
      new ConfigKey(PROCESSING_GUARANTEE, "exactly_once_v2",
          "exactly_once_v2 (default) or at_least_once."),
      new ConfigKey(CALL_TIMEOUT_MS, "14400000",
          "A call that sees no event for this long (PBX stream time) is closed as UNKNOWN. "
              + "At least 1000."),
      new ConfigKey(SWEEP_INTERVAL_MS, "60000",
          "How often, in stream time, open calls are checked against the timeout. At least 1."),
      new ConfigKey(PRESET, "auto",
          "Dialplan preset: auto, freepbx16 (FreePBX 13-16 macros), freepbx17, asterisk."),
      new ConfigKey(TRUNK_PATTERNS, "",
          "Comma-separated regexes matched against whole channel names of trunks, e.g. "
              + "PJSIP/trunk-.*. When trunk or extension patterns are set they are authoritative."),
      new ConfigKey(EXTENSION_PATTERNS, "",
          "Comma-separated regexes for extension channels; group 1 captures the extension, e.g. "
              + "PJSIP/(\\d{3})-.*."),
      new ConfigKey(EXTENSION_MAX_DIGITS, "6",
          "Detection without patterns: endpoints named by 2..N digits are extensions."),
      new ConfigKey(PBX_PREFIX + "<pbxId>.dialplan.{preset,trunk.patterns,extension.patterns,"
          + "extension.max.digits}", "",
          "The same four dialplan keys for one PBX, overriding the global ones."));

  public CorrelatorConfig {
    pbxDialplans = Map.copyOf(pbxDialplans);
  }

  public static CorrelatorConfig defaults() {
    return fromMap(Map.of());
  }

  /** The rules for one PBX. */
  public DialplanRules dialplanFor(String pbxId) {
    return pbxId == null ? dialplan : pbxDialplans.getOrDefault(pbxId, dialplan);
  }

  /** Validates and builds; the first wrong key fails with a message naming it and the fix. */
  public static CorrelatorConfig fromMap(Map<String, String> raw) {
    Map<String, String> values = new TreeMap<>(raw);
    for (String key : values.keySet()) {
      if (key.startsWith("correlator.") && !isKnown(key)) {
        throw new ConfigException(key, values.get(key), "unknown key; known keys are "
            + KEYS.stream().map(ConfigKey::name).toList());
      }
    }
    String applicationId = get(values, APPLICATION_ID);
    if (!applicationId.matches("[a-zA-Z0-9._-]+")) {
      throw new ConfigException(APPLICATION_ID, applicationId,
          "use only letters, digits, '.', '_' and '-'");
    }
    String guarantee = get(values, PROCESSING_GUARANTEE);
    if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
      throw new ConfigException(PROCESSING_GUARANTEE, guarantee,
          "use exactly_once_v2 (recommended) or at_least_once");
    }
    long timeout = longAtLeast(values, CALL_TIMEOUT_MS, 1000);
    long sweep = longAtLeast(values, SWEEP_INTERVAL_MS, 1);
    DialplanRules global = rules(values, "correlator.dialplan.", null);
    Map<String, DialplanRules> perPbx = new LinkedHashMap<>();
    for (String key : values.keySet()) {
      if (key.startsWith(PBX_PREFIX)) {
        String rest = key.substring(PBX_PREFIX.length());
        String pbxId = rest.substring(0, rest.indexOf(".dialplan."));
        perPbx.computeIfAbsent(pbxId,
            id -> rules(values, PBX_PREFIX + id + ".dialplan.", global));
      }
    }
    return new CorrelatorConfig(applicationId, guarantee, Duration.ofMillis(timeout),
        Duration.ofMillis(sweep), global, perPbx);
  }

  private static boolean isKnown(String key) {
    if (KEYS.stream().anyMatch(k -> k.name().equals(key))) {
      return true;
    }
    return key.startsWith(PBX_PREFIX) && key.matches(Pattern.quote(PBX_PREFIX)
        + "[^.]+(\\.[^.]+)*\\.dialplan\\.(preset|trunk\\.patterns|extension\\.patterns"
        + "|extension\\.max\\.digits)");
  }

  private static DialplanRules rules(Map<String, String> values, String prefix,
      DialplanRules fallback) {
    String presetKey = prefix + "preset";
    String preset = values.getOrDefault(presetKey,
        fallback == null ? "auto" : fallback.preset().key());
    DialplanPreset p;
    try {
      p = DialplanPreset.byKey(preset);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(presetKey, preset, e.getMessage());
    }
    List<Pattern> trunks = patterns(values, prefix + "trunk.patterns",
        fallback == null ? List.of() : fallback.trunkPatterns());
    List<Pattern> extensions = patterns(values, prefix + "extension.patterns",
        fallback == null ? List.of() : fallback.extensionPatterns());
    String digitsKey = prefix + "extension.max.digits";
    int digits = values.containsKey(digitsKey) ? (int) longAtLeast(values, digitsKey, 2)
        : fallback == null ? 6 : fallback.maxExtensionDigits();
    return new DialplanRules(p, trunks, extensions, digits);
  }

  private static List<Pattern> patterns(Map<String, String> values, String key,
      List<Pattern> fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    List<Pattern> out = new ArrayList<>();
    for (String regex : Arrays.stream(value.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList()) {
      try {
        out.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new ConfigException(key, value, "'" + regex + "' is not a valid regular expression ("
            + e.getDescription() + ")");
      }
    }
    return out;
  }

  private static String get(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value != null) {
      return value.trim();
    }
    return KEYS.stream().filter(k -> k.name().equals(key)).findFirst().orElseThrow()
        .defaultValue();
  }

  private static long longAtLeast(Map<String, String> values, String key, long min) {
    String value = values.containsKey(key) ? values.get(key).trim() : get(values, key);
    try {
      long n = Long.parseLong(value);
      if (n < min) {
        throw new ConfigException(key, value, "must be at least " + min);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "must be a whole number (at least " + min + ")");
    }
  }
}
