package io.callstream.correlator.replay;

import io.callstream.correlator.config.ConfigException;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.dialplan.DialplanPreset;
import io.callstream.correlator.dialplan.DialplanRules;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Options of {@code callstream replay}: the PBX id, a dialplan preset, trunk and extension
 * channel-name regexes (each flag repeatable), the output format and the zone times are shown in.
 */
public record ReplayOptions(String pbxId, String preset, List<String> trunkPatterns,
    List<String> extensionPatterns, String format, ZoneId zone) {

  public ReplayOptions {
    trunkPatterns = List.copyOf(trunkPatterns);
    extensionPatterns = List.copyOf(extensionPatterns);
  }

  public static ReplayOptions defaults() {
    return new ReplayOptions("pbx", "auto", List.of(), List.of(), "json", ZoneId.of("UTC"));
  }

  /** The correlator configuration these options describe; bad values name the flag. */
  public CorrelatorConfig toConfig() {
    DialplanPreset p;
    try {
      p = DialplanPreset.byKey(preset);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--preset", preset, e.getMessage());
    }
    DialplanRules rules = new DialplanRules(p, compile("--trunk", trunkPatterns),
        compile("--extension", extensionPatterns), 6);
    CorrelatorConfig base = CorrelatorConfig.defaults();
    return new CorrelatorConfig(base.applicationId(), base.processingGuarantee(),
        base.callTimeout(), base.sweepInterval(), rules, Map.of());
  }

  /** The formatter named by {@link #format()}. */
  public ReplayFormatter formatter() {
    return switch (format) {
      case "json" -> new JsonFormatter(zone);
      case "table" -> new TableFormatter(zone);
      default -> throw new ConfigException("--format", format, "use json or table");
    };
  }

  private static List<Pattern> compile(String flag, List<String> regexes) {
    List<Pattern> out = new ArrayList<>();
    for (String regex : regexes) {
      try {
        out.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new ConfigException(flag, regex, "not a valid regular expression ("
            + e.getDescription() + ")");
      }
    }
    return out;
  }
}
