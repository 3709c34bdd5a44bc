package io.callstream.deploy.demo;

import io.callstream.deploy.run.ComponentLauncher;
import io.callstream.deploy.run.TokenStore;
import io.callstream.kafka.embedded.EmbeddedKafkaBroker;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.ami.RecordedCalls;
import io.callstream.schemas.topics.TopicProvisioner;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

/**
 * Everything of the demo in one JVM, started in dependency order and closed in reverse: the
 * embedded broker, the Bitrix24 emulator, the AMI simulators replaying the recorded calls in a
 * loop, and the producer, correlator and sink wired exactly as in production.
 */
public final class DemoPipeline implements AutoCloseable {

  /** Name of the (in-process only) variable the producer reads the simulators' secret from. */
  static final String SECRET_VARIABLE = "CALLSTREAM_DEMO_AMI_SECRET";
  static final String AMI_USER = "callstream-demo";

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Topics topics = Topics.defaults();
  private EmbeddedKafkaBroker broker;
  private BitrixEmulator emulator;
  private List<AmiSimulator> simulators;

  /** What the demo runs. */
  public record Options(int pbxCount, double speed, int concurrentCalls) {
  }

  public static DemoPipeline start(Options options, MeterRegistry registry) throws Exception {
    DemoPipeline demo = new DemoPipeline();
    try {
      demo.startAll(options, registry);
      return demo;
    } catch (Exception | Error e) {
      demo.close();
      throw e;
    }
  }

  private void startAll(Options options, MeterRegistry registry) throws Exception {
    broker = own(EmbeddedKafkaBroker.start());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      new TopicProvisioner(admin).createMissing(topics, Math.max(2, Math.min(8, options.pbxCount())),
          (short) 1);
    }
    emulator = own(BitrixEmulator.start(EmulatorConfig.builder().build()));
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    simulators = AmiSimulator.startMany(options.pbxCount(),
        SimulatorConfig.ofScenarios(AMI_USER, secret, RecordedCalls.SCENARIOS)
            .withSpeed(options.speed()).withLoops(0, options.concurrentCalls()).withTimesFromClock());

    Map<String, String> producerKeys = new HashMap<>();
    Map<String, String> sinkKeys = new HashMap<>();
    StringBuilder pbxIds = new StringBuilder();
    for (int i = 0; i < simulators.size(); i++) {
      String pbx = pbxId(i);
      String p = "ami.pbx." + pbx + ".";
      producerKeys.put(p + "host", simulators.get(i).host());
      producerKeys.put(p + "port", Integer.toString(simulators.get(i).port()));
      producerKeys.put(p + "username", AMI_USER);
      producerKeys.put(p + "secret.env", SECRET_VARIABLE);
      sinkKeys.put("sink.pbx." + pbx + ".portal", "demo");
      pbxIds.append(i == 0 ? "" : ",").append(pbx);
    }
    sinkKeys.put(SinkConfig.PORTALS, "demo");
    sinkKeys.put("bitrix.portal.demo.webhook.url", emulator.webhookUrl());
    sinkKeys.put(SinkConfig.ROUTES, pbxIds.toString());

    Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
    Path state = broker.dataDir().resolve("streams");
    own(ComponentLauncher.producer(producerKeys, name -> SECRET_VARIABLE.equals(name) ? secret : null,
        topics, kafka, registry).component());
    own(ComponentLauncher.correlator(Map.of(), topics, kafka, state).component());
    own(ComponentLauncher.sink(sinkKeys, topics, kafka, state, registry,
        new TokenStore(state.resolve("tokens"))).component());
  }

  static String pbxId(int index) {
    return "pbx-" + (index + 1);
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public Topics topics() {
    return topics;
  }

  public BitrixEmulator emulator() {
    return emulator;
  }

  public List<AmiSimulator> simulators() {
    return simulators;
  }

  /**
   * Stops the simulated PBXs: no new calls start, so what was sent can be checked. Calls in
   * progress stay open (their hangups will never come) until the correlator's timeout.
   */
  public void stopSimulators() {
    simulators.forEach(AmiSimulator::close);
    simulators = List.of();
  }

  private <T extends AutoCloseable> T own(T component) {
    started.push(component);
    return component;
  }

  @Override
  public void close() {
    if (simulators != null) {
      stopSimulators();
    }
    while (!started.isEmpty()) {
      try {
        started.pop().close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(DemoPipeline.class).warn("Stopping a demo part failed: {}", e.toString());
      }
    }
  }
}
