package io.callstream.deploy.cli;

import io.callstream.deploy.config.ConfigDocument;
import io.callstream.deploy.config.ConfigSections;
import io.callstream.schemas.topics.Topics;
import io.callstream.schemas.topics.ValueSerdeFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** How a tool reaches Kafka: a config file's {@code kafka} and {@code topics} sections, or flags. */
public final class KafkaOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "callstream.yaml to take the kafka and topics sections from.")
  Path config;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (overrides the config file). Default: "
          + "$KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092.")
  String bootstrapServers;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX",
      description = "Topic name prefix (overrides the config file's topics.prefix).")
  String topicPrefix;

  Map<String, Object> kafkaProperties() {
    Map<String, Object> props = new HashMap<>(document().section(ConfigSections.KAFKA));
    if (bootstrapServers != null) {
      props.put("bootstrap.servers", bootstrapServers);
    }
    props.putIfAbsent("bootstrap.servers",
        System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
    return props;
  }

  Topics topics() {
    Map<String, String> section = document().section(ConfigSections.TOPICS);
    String prefix = topicPrefix != null ? topicPrefix : section.getOrDefault("prefix", "");
    String serde = document().section(ConfigSections.SERDE)
        .getOrDefault("value.class", ValueSerdeFactory.DEFAULT_SERDE_CLASS);
    return new Topics(prefix, new ValueSerdeFactory(serde, Map.of()));
  }

  private ConfigDocument document() {
    return config == null ? ConfigDocument.empty()
        : ConfigDocument.load(config, ConfigSections.ALL, System.getenv());
  }
}
