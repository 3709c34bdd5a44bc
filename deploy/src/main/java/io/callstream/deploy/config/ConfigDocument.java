package io.callstream.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code callstream.yaml} read into flat, dotted keys per top-level section, with environment
 * variables substituted. Unknown sections are refused with a suggestion, so a typo never silently
 * falls back to a default.
 */
public final class ConfigDocument {

  private final Map<String, Map<String, String>> sections;

  private ConfigDocument(Map<String, Map<String, String>> sections) {
    this.sections = sections;
  }

  /** No file: every section empty. */
  public static ConfigDocument empty() {
    return new ConfigDocument(Map.of());
  }

  public static ConfigDocument load(Path file, Set<String> knownSections, Map<String, String> env) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("--config", "cannot read " + file.toAbsolutePath()
          + ". Give the path of your callstream.yaml (see deploy/config/callstream.example.yaml).");
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("--config", file + " is not valid YAML: " + e.getMessage());
    }
    return from(root, knownSections, env);
  }

  static ConfigDocument from(JsonNode root, Set<String> knownSections, Map<String, String> env) {
    if (root == null || !root.isObject()) {
      throw new ConfigException("(top level)", "the file must be a YAML mapping of sections: "
          + String.join(", ", knownSections));
    }
    EnvironmentSubstitution substitution = new EnvironmentSubstitution(env);
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> section = it.next();
      if (!knownSections.contains(section.getKey())) {
        throw new ConfigException(section.getKey(), "unknown section" + Suggestions.didYouMean(
            section.getKey(), knownSections) + ". Known sections: " + String.join(", ", knownSections));
      }
      Map<String, String> flat = new LinkedHashMap<>();
      flatten(section.getKey(), "", section.getValue(), flat, substitution);
      sections.put(section.getKey(), flat);
    }
    return new ConfigDocument(sections);
  }

  /** The section's leaves as dotted keys relative to the section (empty if absent). */
  public Map<String, String> section(String name) {
    return sections.getOrDefault(name, Map.of());
  }

  /** The distinct first components of a section's keys, e.g. the PBX ids under {@code pbxs}. */
  public List<String> children(String name) {
    List<String> ids = new ArrayList<>();
    for (String key : section(name).keySet()) {
      String id = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** One child's keys with the child prefix removed, e.g. {@code child("pbxs", "office")}. */
  public Map<String, String> child(String section, String id) {
    Map<String, String> out = new LinkedHashMap<>();
    String prefix = id + ".";
    section(section).forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }

  private static void flatten(String section, String prefix, JsonNode node, Map<String, String> out,
      EnvironmentSubstitution substitution) {
    String where = prefix.isEmpty() ? section : section + "." + prefix;
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> flatten(section,
          prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out, substitution));
    } else if (node.isArray()) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : node) {
        if (!item.isValueNode()) {
          throw new ConfigException(where, "lists may only hold plain values here");
        }
        items.add(substitution.apply(where, item.asText()));
      }
      out.put(prefix, String.join(",", items));
    } else if (!node.isNull()) {
      out.put(prefix, substitution.apply(where, node.asText()));
    }
  }
}
