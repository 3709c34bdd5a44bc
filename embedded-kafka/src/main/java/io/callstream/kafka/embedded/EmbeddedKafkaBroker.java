package io.callstream.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM and
 * listening on 127.0.0.1 only, on free ports. It is what {@code callstream demo} and every *IT
 * run on. Storage is formatted with Kafka's own storage formatter, as {@code kafka-storage.sh
 * format} does; a temporary data directory is deleted on close.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final String LOOPBACK = "127.0.0.1";

  private final KafkaRaftServer server;
  private final Path dataDir;
  private final boolean deleteOnClose;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, boolean deleteOnClose,
      String bootstrapServers) {
    this.server = server;
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
    this.bootstrapServers = bootstrapServers;
  }

  /** Starts a broker on a temporary directory that is deleted on close. */
  public static EmbeddedKafkaBroker start() {
    try {
      return start(Files.createTempDirectory("callstream-kafka-"), true, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for the embedded broker", e);
    }
  }

  /**
   * Starts a broker storing its logs in {@code dataDir}.
   *
   * @param deleteOnClose whether to delete {@code dataDir} on close
   * @param overrides broker settings that replace the defaults (for example
   *     {@code num.partitions})
   */
  public static EmbeddedKafkaBroker start(Path dataDir, boolean deleteOnClose,
      Map<String, String> overrides) {
    long begin = System.nanoTime();
    int brokerPort = freePort();
    int controllerPort = freePort();
    Properties props = brokerProperties(dataDir, brokerPort, controllerPort);
    props.putAll(overrides);
    KafkaConfig config = new KafkaConfig(props, false);
    format(dataDir, config);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    String bootstrap = LOOPBACK + ":" + brokerPort;
    LOG.info("Embedded Kafka broker (KRaft) up at {} in {} ms, data in {}", bootstrap,
        (System.nanoTime() - begin) / 1_000_000, dataDir);
    return new EmbeddedKafkaBroker(server, dataDir, deleteOnClose, bootstrap);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    if (deleteOnClose) {
      deleteRecursively(dataDir);
    }
    LOG.info("Embedded Kafka broker at {} stopped", bootstrapServers);
  }

  private static Properties brokerProperties(Path dataDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + LOOPBACK + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort
        + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.toAbsolutePath().toString());
    // A single node: every internal topic has one replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "4");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", "true");
    p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    return p;
  }

  private static void format(Path dataDir, KafkaConfig config) {
    try {
      Files.createDirectories(dataDir);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(config.nodeId())
          .setClusterId(Uuid.randomUuid().toString())
          .addDirectory(dataDir.toAbsolutePath().toString())
          .setMetadataLogDirectory(dataDir.toAbsolutePath().toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot format embedded Kafka storage in " + dataDir, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + LOOPBACK, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", dir, e.toString());
    }
  }
}
