package io.callstream.deploy.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The top-level sections of {@code callstream.yaml}. */
public final class ConfigSections {

  public static final String KAFKA = "kafka";
  public static final String TOPICS = "topics";
  public static final String SERDE = "serde";
  public static final String PBXS = "pbxs";
  public static final String PRODUCER = "producer";
  public static final String CORRELATOR = "correlator";
  public static final String PORTALS = "portals";
  public static final String ROUTING = "routing";
  public static final String SINK = "sink";
  public static final String OPS = "ops";

  public static final Set<String> ALL = new LinkedHashSet<>(List.of(
      KAFKA, TOPICS, SERDE, PBXS, PRODUCER, CORRELATOR, PORTALS, ROUTING, SINK, OPS));

  private ConfigSections() {
  }
}
