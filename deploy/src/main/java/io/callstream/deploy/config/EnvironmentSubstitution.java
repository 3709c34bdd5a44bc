package io.callstream.deploy.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in configuration values with environment
 * variables, so secrets stay out of the file. {@code $${} writes a literal {@code ${}.
 */
final class EnvironmentSubstitution {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Map<String, String> environment;

  EnvironmentSubstitution(Map<String, String> environment) {
    this.environment = environment;
  }

  String apply(String key, String value) {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$${")) {
        replacement = "${";
      } else {
        String name = m.group(1);
        String found = environment.get(name);
        if (found == null && m.group(2) == null) {
          throw new ConfigException(key, "environment variable " + name + " is not set. Export it "
              + "before starting (for example in the systemd unit's EnvironmentFile), or give a "
              + "default as ${" + name + ":-value}.");
        }
        replacement = found != null ? found : m.group(2);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
