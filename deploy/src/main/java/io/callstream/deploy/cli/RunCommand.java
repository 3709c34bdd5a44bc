package io.callstream.deploy.cli;

import io.callstream.deploy.config.DeployConfig;
import io.callstream.deploy.ops.OpsServer;
import io.callstream.deploy.ops.Readiness;
import io.callstream.deploy.run.ComponentLauncher;
import io.callstream.deploy.run.ComponentLauncher.Started;
import io.callstream.deploy.run.TokenStore;
import io.callstream.schemas.topics.TopicProvisioner;
import io.callstream.schemas.topics.Topics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code callstream run}: production, against an existing Kafka cluster, real PBXs and portals. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run CallStream components against an existing Kafka cluster, real PBXs and "
        + "Bitrix24 portals, as configured in one YAML file (see deploy/config/callstream.example.yaml).",
        "Without component names all three run in this process; name some to run only those "
        + "(each scales on its own). Stops cleanly on SIGTERM/Ctrl-C. Exit code 2: bad configuration."})
public final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  /** The components one process can run. */
  enum Component { PRODUCER, CORRELATOR, SINK }

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The callstream.yaml.")
  Path config;

  @Parameters(paramLabel = "COMPONENT", arity = "0..3",
      description = "producer, correlator and/or sink. Default: all three.")
  List<Component> components = new ArrayList<>();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final Map<String, String> environment;
  private final CountDownLatch stop = new CountDownLatch(1);

  public RunCommand() {
    this(System.getenv());
  }

  /** For tests: the environment the configuration's ${...} and secret.env names are read from. */
  RunCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  /** Stops a running {@link #call()} (what SIGTERM does). */
  void stop() {
    stop.countDown();
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    EnumSet<Component> selected = components.isEmpty() ? EnumSet.allOf(Component.class)
        : EnumSet.copyOf(components);
    DeployConfig cfg = DeployConfig.load(config, environment);
    Topics topics = cfg.topics();
    Map<String, Object> kafka = cfg.kafka();
    validate(selected, cfg);
    if (cfg.createTopics()) {
      try (Admin admin = Admin.create(kafka)) {
        List<String> created = new TopicProvisioner(admin).createMissing(topics, cfg.partitions(),
            cfg.replicationFactor());
        if (!created.isEmpty()) {
          out.println("Created topics: " + String.join(", ", created));
        }
      }
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Deque<AutoCloseable> running = new ArrayDeque<>();
    List<Readiness> readiness = new ArrayList<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "callstream-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      start(selected, cfg, topics, kafka, registry, running, readiness);
      running.push(OpsServer.start(cfg.opsBind(), cfg.opsPort(), registry, readiness));
      out.printf("CallStream running: %s; %d PBX(s), topics %s*; metrics and health on http://%s:%d/%n",
          selected.toString().toLowerCase(), cfg.pbxIds().size(), topics.prefix(), cfg.opsBind(),
          ((OpsServer) running.peek()).port());
      out.flush();
      stop.await();
      out.println("Stopping...");
      out.flush();
    } finally {
      closeAll(running);
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is already shutting down (SIGTERM): the hook is running and waits for us.
      }
    }
    out.println("Stopped.");
    out.flush();
    return 0;
  }

  /** Everything is checked before anything connects: a typo must not leave half a pipeline running. */
  private void validate(EnumSet<Component> selected, DeployConfig cfg) {
    if (selected.contains(Component.PRODUCER)) {
      io.callstream.producer.config.ProducerConfig.fromMap(cfg.producerKeys(), environment::get);
    }
    if (selected.contains(Component.CORRELATOR)) {
      io.callstream.correlator.config.CorrelatorConfig.fromMap(cfg.correlatorKeys());
    }
    if (selected.contains(Component.SINK)) {
      io.callstream.sink.config.SinkConfig.fromMap(new TokenStore(cfg.stateDir()).applyTo(cfg.sinkKeys()));
    }
  }

  private void start(EnumSet<Component> selected, DeployConfig cfg, Topics topics,
      Map<String, Object> kafka, PrometheusMeterRegistry registry, Deque<AutoCloseable> running,
      List<Readiness> readiness) {
    Path state = cfg.stateDir();
    if (selected.contains(Component.PRODUCER)) {
      own(ComponentLauncher.producer(cfg.producerKeys(), environment::get, topics, kafka, registry),
          running, readiness);
    }
    if (selected.contains(Component.CORRELATOR)) {
      own(ComponentLauncher.correlator(cfg.correlatorKeys(), topics, kafka, state), running, readiness);
    }
    if (selected.contains(Component.SINK)) {
      own(ComponentLauncher.sink(cfg.sinkKeys(), topics, kafka, state, registry, new TokenStore(state)),
          running, readiness);
    }
  }

  private static void own(Started started, Deque<AutoCloseable> running, List<Readiness> readiness) {
    running.push(started.component());
    readiness.add(started.readiness());
  }

  private static void closeAll(Deque<AutoCloseable> running) {
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        LOG.warn("Stopping a component failed: {}", e.toString());
      }
    }
  }
}
