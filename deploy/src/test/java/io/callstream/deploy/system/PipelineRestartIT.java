package io.callstream.deploy.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.deploy.demo.BoardFeeder;
import io.callstream.deploy.demo.CallBoard;
import io.callstream.deploy.demo.Reconciliation;
import io.callstream.deploy.run.ComponentLauncher;
import io.callstream.deploy.run.TokenStore;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.topics.TopicProvisioner;
import io.callstream.schemas.topics.Topics;
import io.callstream.schemas.topics.ValueSerdeFactory;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline while calls flow, with each component restarted in turn (producer,
 * correlator, sink): afterwards every call the correlator ended is in Bitrix24 exactly once,
 * finished once with the right status, and no card is left open.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PipelineRestartIT {

  private static final List<String> SCENARIOS = List.of("inbound_answered", "queue_ringall_answered",
      "outbound_busy", "inbound_no_answer", "blind_transfer", "ring_group", "queue_abandon");
  private static final String SECRET = "restart-secret";

  @TempDir
  Path state;

  @Test
  void shouldLoseAndDuplicateNothingWhenEachComponentRestarts(KafkaBroker kafka) throws Exception {
    String prefix = "rs" + UUID.randomUUID().toString().substring(0, 6) + ".";
    Topics topics = new Topics(prefix, ValueSerdeFactory.defaults());
    Map<String, Object> props = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    try (Admin admin = Admin.create(props)) {
      new TopicProvisioner(admin).createMissing(topics, 2, (short) 1);
    }
    try (AmiSimulator pbx = AmiSimulator.start(SimulatorConfig.ofScenarios("callstream", SECRET, SCENARIOS)
            .withSpeed(6).withLoops(0, 3));
        BitrixEmulator bitrix = BitrixEmulator.start(EmulatorConfig.builder().build())) {
      Map<String, String> producerKeys = Map.of("ami.pbx.office.host", pbx.host(),
          "ami.pbx.office.port", Integer.toString(pbx.port()), "ami.pbx.office.username", "callstream",
          "ami.pbx.office.secret.env", "SECRET");
      Map<String, String> correlatorKeys = Map.of("correlator.application.id", prefix + "correlator");
      Map<String, String> sinkKeys = Map.of("bitrix.portals", "main",
          "bitrix.portal.main.webhook.url", bitrix.webhookUrl(), "sink.pbx.ids", "office",
          "sink.pbx.office.portal", "main", "sink.application.id", prefix + "sink");
      Supplier<ComponentLauncher.Started> producer = () -> ComponentLauncher.producer(producerKeys,
          name -> SECRET, topics, props, new SimpleMeterRegistry());
      Supplier<ComponentLauncher.Started> correlator = () -> ComponentLauncher.correlator(correlatorKeys,
          topics, props, state);
      Supplier<ComponentLauncher.Started> sink = () -> ComponentLauncher.sink(sinkKeys, topics, props,
          state, new SimpleMeterRegistry(), new TokenStore(state.resolve("tokens")));
      CallBoard board = new CallBoard(Clock.systemUTC(), line -> { }, () -> 0);
      ComponentLauncher.Started[] running = {producer.get(), correlator.get(), sink.get()};
      try (BoardFeeder feeder = new BoardFeeder(kafka.bootstrapServers(), topics, board)) {
        feeder.start();
        for (int i = 0; i < running.length; i++) {
          Thread.sleep(8000);
          running[i].component().close();
          running[i] = List.of(producer, correlator, sink).get(i).get();
        }
        Thread.sleep(8000);
        pbx.close();
        Reconciliation check = settle(board, bitrix);

        assertThat(board.endedCalls().stream().filter(c -> c.external()).count())
            .as("calls completed during the test").isGreaterThan(10);
        assertThat(check.missing()).as("lost: %s", explain(kafka, topics, check.missing())).isEmpty();
        assertThat(check.duplicated()).as("duplicated").isEmpty();
        assertThat(check.wrong()).isEmpty();
        // A call that ended while the producer was reconnecting lost its hangup with the AMI
        // session (AMI replays nothing); the resync closes it. Nothing else may end UNKNOWN.
        assertThat(check.unknown()).allSatisfy(reason -> assertThat(reason)
            .contains("events lost while the AMI connection was down"));
        assertThat(bitrix.ledger().calls()).allSatisfy(c -> {
          assertThat(c.registerRequests()).as(c.externalCallId()).isEqualTo(1);
          assertThat(c.finishRequests()).as(c.externalCallId()).isLessThanOrEqualTo(1);
        });
      } finally {
        for (ComponentLauncher.Started s : running) {
          s.component().close();
        }
      }
    }
  }

  /** The topics' view of the calls, for a failure message that says where they went missing. */
  private static String explain(KafkaBroker kafka, Topics topics, List<String> callIds) {
    StringBuilder out = new StringBuilder();
    try (io.callstream.deploy.tools.TopicScanner scanner = new io.callstream.deploy.tools.TopicScanner(
        Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      for (String id : callIds) {
        var report = new io.callstream.deploy.tools.CallInspector(scanner, topics, line -> { }).inspect(id, false);
        out.append('\n').append(id);
        report.timeline().stream().filter(e -> !e.source().equals("raw"))
            .forEach(e -> out.append("\n  ").append(e.source()).append(' ').append(e.text()));
      }
    }
    return out.toString();
  }

  /**
   * Waits until the emulator holds every ended call. Generous: after a sink restart a request
   * that failed during the restart waits out its backoff (up to bitrix.retry.max.ms).
   */
  private static Reconciliation settle(CallBoard board, BitrixEmulator bitrix) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    Reconciliation check = Reconciliation.of(board.endedCalls(), bitrix.ledger());
    while (!check.allCorrect() && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      check = Reconciliation.of(board.endedCalls(), bitrix.ledger());
    }
    return check;
  }
}
