package io.callstream.kafka.embedded;

import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension that gives a test a real Kafka broker as a {@link KafkaBroker} parameter.
 *
 * <p>By default it is the embedded KRaft broker, started once per test JVM and stopped when the
 * JVM exits. With {@code -Dcallstream.it.kafka=testcontainers} the same tests run against a Kafka
 * container instead; where no Docker engine answers, those tests are skipped with the reason.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

  /** System property choosing the broker: {@code embedded} (default) or {@code testcontainers}. */
  public static final String BROKER_PROPERTY = "callstream.it.kafka";

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerExtension.class);
  private static KafkaBroker shared;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return broker();
  }

  private static synchronized KafkaBroker broker() {
    if (shared == null) {
      String kind = System.getProperty(BROKER_PROPERTY, "embedded").toLowerCase(Locale.ROOT);
      shared = switch (kind) {
        case "embedded" -> embedded();
        case "testcontainers" -> TestcontainersKafka.startOrSkip();
        default -> throw new IllegalArgumentException("-D" + BROKER_PROPERTY + "=" + kind
            + ": use 'embedded' or 'testcontainers'");
      };
      LOG.info("Integration tests run on {}", shared.description());
    }
    return shared;
  }

  private static KafkaBroker embedded() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-stop"));
    return new KafkaBroker() {
      @Override
      public String bootstrapServers() {
        return broker.bootstrapServers();
      }

      @Override
      public String description() {
        return "the embedded KRaft broker at " + broker.bootstrapServers();
      }
    };
  }

  /** Kept apart so Testcontainers classes load only when asked for. */
  private static final class TestcontainersKafka {
    static KafkaBroker startOrSkip() {
      boolean docker;
      try {
        docker = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
      } catch (NoClassDefFoundError e) {
        docker = false;
      }
      Assumptions.assumeTrue(docker, "Skipped: -D" + BROKER_PROPERTY + "=testcontainers asks for a "
          + "Kafka container, but no Docker engine is reachable on this machine. Run without the "
          + "property to use the embedded KRaft broker.");
      org.testcontainers.kafka.KafkaContainer container =
          new org.testcontainers.kafka.KafkaContainer("apache/kafka:4.1.0");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
      return new KafkaBroker() {
        @Override
        public String bootstrapServers() {
          return container.getBootstrapServers();
        }

        @Override
        public String description() {
          return "a Testcontainers Kafka at " + container.getBootstrapServers();
        }
      };
    }
  }
}
