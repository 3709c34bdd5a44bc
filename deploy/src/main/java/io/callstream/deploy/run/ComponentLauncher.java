package io.callstream.deploy.run;

import io.callstream.correlator.CallCorrelator;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.deploy.ops.Readiness;
import io.callstream.producer.AmiProducer;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.BitrixSink;
import io.callstream.sink.config.SinkConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/** Starts each component from its flat keys, the same way for {@code run} and {@code demo}. */
public final class ComponentLauncher {

  private ComponentLauncher() {
  }

  /** A started component: what to close and how to ask whether it is ready. */
  public record Started(AutoCloseable component, Readiness readiness) {
  }

  public static Started producer(Map<String, String> keys, Function<String, String> environment,
      Topics topics, Map<String, Object> kafka, MeterRegistry registry) {
    AmiProducer producer = AmiProducer.start(ProducerConfig.fromMap(keys, environment), topics,
        kafka, registry);
    return new Started(producer, readiness("producer", producer::isHealthy, () ->
        producer.health().stream().map(h -> h.pbxId() + " " + h.state()).toList().toString()));
  }

  public static Started correlator(Map<String, String> keys, Topics topics,
      Map<String, Object> kafka, Path stateDir) {
    CallCorrelator correlator = CallCorrelator.start(CorrelatorConfig.fromMap(keys), topics,
        withStateDir(kafka, stateDir.resolve("correlator")));
    return new Started(correlator, readiness("correlator", correlator::healthy,
        () -> "Kafka Streams " + correlator.state()));
  }

  public static Started sink(Map<String, String> keys, Topics topics, Map<String, Object> kafka,
      Path stateDir, MeterRegistry registry, TokenStore tokens) {
    SinkConfig config = SinkConfig.fromMap(tokens.applyTo(keys));
    Properties props = new Properties();
    props.putAll(withStateDir(kafka, stateDir.resolve("sink")));
    BitrixSink sink = BitrixSink.start(config, topics, props, registry, Clock.systemUTC(), tokens::save);
    return new Started(sink, readiness("sink", () -> sink.health().healthy(),
        () -> sink.health().toString()));
  }

  static Map<String, Object> withStateDir(Map<String, Object> kafka, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the state folder " + dir
          + " (ops.state.dir): check its permissions", e);
    }
    Map<String, Object> props = new HashMap<>(kafka);
    props.put("state.dir", dir.toAbsolutePath().toString());
    return props;
  }

  private static Readiness readiness(String name, java.util.function.BooleanSupplier ready,
      java.util.function.Supplier<String> detail) {
    return new Readiness() {
      @Override
      public String component() {
        return name;
      }

      @Override
      public boolean ready() {
        return ready.getAsBoolean();
      }

      @Override
      public String detail() {
        return detail.get();
      }
    };
  }
}
