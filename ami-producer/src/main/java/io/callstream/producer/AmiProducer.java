package io.callstream.producer;

import io.callstream.producer.commands.CommandConsumer;
import io.callstream.producer.commands.CommandExecutor;
import io.callstream.producer.commands.CommandMetrics;
import io.callstream.producer.commands.KafkaCallTrace;
import io.callstream.producer.commands.KafkaExecutionJournal;
import io.callstream.producer.config.CommandsConfig;
import io.callstream.producer.config.PbxConfig;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.connection.PbxConnection;
import io.callstream.producer.connection.PbxHealth;
import io.callstream.producer.metrics.PbxMetrics;
import io.callstream.producer.publish.FrameHandoff;
import io.callstream.producer.publish.HandoffDrainer;
import io.callstream.producer.publish.KafkaPublisher;
import io.callstream.schemas.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer: every configured PBX connected, every frame into {@code pbx.ami.events}. This is
 * the wiring API for {@code deploy}: {@link #start} and {@link #close}; everything else is
 * observation.
 */
public final class AmiProducer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AmiProducer.class);
  private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(30);
  private static final Duration JOURNAL_LOAD_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaPublisher publisher;
  private final Map<String, PbxConnection> connections = new LinkedHashMap<>();
  private final List<HandoffDrainer> drainers = new ArrayList<>();
  private CommandConsumer commandConsumer;
  private KafkaExecutionJournal journal;

  private AmiProducer(KafkaPublisher publisher) {
    this.publisher = publisher;
  }

  /**
   * Connects to every PBX of {@code config} and starts publishing.
   *
   * @param kafkaProperties Kafka producer settings ({@code bootstrap.servers}, security ...);
   *     {@code acks} and {@code enable.idempotence} cannot be weakened
   */
  public static AmiProducer start(ProducerConfig config, Topics topics,
      Map<String, ?> kafkaProperties, MeterRegistry registry) {
    return start(config, topics, kafkaProperties, registry, Clock.systemUTC());
  }

  /** As {@link #start(ProducerConfig, Topics, Map, MeterRegistry)} with an explicit clock. */
  public static AmiProducer start(ProducerConfig config, Topics topics,
      Map<String, ?> kafkaProperties, MeterRegistry registry, Clock clock) {
    AmiProducer producer = new AmiProducer(new KafkaPublisher(topics, kafkaProperties));
    SecureRandom random = new SecureRandom();
    for (PbxConfig pbx : config.pbxs()) {
      FrameHandoff handoff = new FrameHandoff(config.handoffCapacity());
      PbxMetrics metrics = new PbxMetrics(registry, pbx.pbxId(), handoff::depth);
      PbxConnection connection = new PbxConnection(pbx, config, handoff, metrics, clock, random);
      HandoffDrainer drainer = new HandoffDrainer(pbx.pbxId(), handoff, producer.publisher,
          metrics, connection::onSendFailure);
      producer.connections.put(pbx.pbxId(), connection);
      producer.drainers.add(drainer);
      drainer.start();
      connection.start();
    }
    LOG.info("AMI producer started for {} PBX(s) into topic {}", config.pbxs().size(),
        topics.amiEvents().name());
    if (config.commands().enabled() && !config.pbxs().isEmpty()) {
      try {
        producer.startCommands(config, topics, kafkaProperties, registry, clock);
      } catch (RuntimeException e) {
        producer.close();
        throw e;
      }
    }
    return producer;
  }

  /**
   * Reads the execution log, then starts executing {@code pbx.commands} for this process's
   * PBXs. Fails (and the producer with it) when the log cannot be read: executing without it
   * could place calls a second time.
   */
  private void startCommands(ProducerConfig config, Topics topics, Map<String, ?> kafkaProperties,
      MeterRegistry registry, Clock clock) {
    Map<String, PbxConfig> pbxs = new LinkedHashMap<>();
    config.pbxs().forEach(p -> pbxs.put(p.pbxId(), p));
    CommandsConfig commands = config.commands();
    journal = new KafkaExecutionJournal(topics, kafkaProperties);
    journal.load(kafkaProperties, pbxs.keySet(), JOURNAL_LOAD_TIMEOUT);
    CommandExecutor executor = new CommandExecutor(connections, pbxs, commands, journal,
        new KafkaCallTrace(topics, kafkaProperties, JOURNAL_LOAD_TIMEOUT),
        new CommandMetrics(registry), clock);
    String groupId = commands.groupId().orElse(defaultGroupId(pbxs.keySet()));
    commandConsumer = new CommandConsumer(topics, kafkaProperties, groupId, executor, journal, clock);
    commandConsumer.start();
    LOG.info("Executing {} for PBX(s) {} as consumer group {}", topics.pbxCommands().name(),
        pbxs.keySet(), groupId);
  }

  /** One group per set of PBXs: processes owning different PBXs never share partitions. */
  static String defaultGroupId(java.util.Collection<String> pbxIds) {
    return "callstream-ami-commands." + String.join("+", new java.util.TreeSet<>(pbxIds));
  }

  /** One entry per PBX, in configuration order. */
  public List<PbxHealth> health() {
    return connections.values().stream().map(PbxConnection::health).toList();
  }

  /** True while every PBX is logged in. */
  public boolean isHealthy() {
    return health().stream().allMatch(PbxHealth::isUp);
  }

  /** Ends the current session of one PBX as if the network had dropped it (it reconnects). */
  public void restart(String pbxId, String reason) {
    PbxConnection connection = connections.get(pbxId);
    if (connection == null) {
      throw new IllegalArgumentException("No PBX '" + pbxId + "' in this producer");
    }
    connection.restart(reason);
  }

  /** Logs off every PBX, publishes their DISCONNECTED markers, sends what is buffered. */
  @Override
  public void close() {
    try {
      // Commands first: a command waiting for its PBX must not see the PBX stop and FAIL.
      if (commandConsumer != null) {
        commandConsumer.close();
      }
      if (journal != null) {
        journal.close();
      }
      // Stop all first, then wait: each may spend up to a second on its Logoff.
      connections.values().forEach(PbxConnection::stop);
      for (PbxConnection connection : connections.values()) {
        connection.awaitStopped();
      }
      for (HandoffDrainer drainer : drainers) {
        drainer.stop(DRAIN_ON_CLOSE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      publisher.flush();
      publisher.close();
    }
    LOG.info("AMI producer stopped");
  }
}
