package io.callstream.bench;

import io.callstream.correlator.CallCorrelator;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.BitrixSink;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.emulator.BitrixEmulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/** Starts the correlator and the sink with the production entry points, as the demo does. */
final class Pipeline {

  static final String PORTAL = "bench";

  private Pipeline() {
  }

  static CallCorrelator startCorrelator(BenchCluster cluster, Topics topics, String applicationId,
      String guarantee, Map<String, Object> extra) throws Exception {
    CorrelatorConfig config = CorrelatorConfig.fromMap(Map.of(
        "correlator.application.id", applicationId, "correlator.processing.guarantee", guarantee));
    Map<String, Object> kafka = new HashMap<>(cluster.kafka());
    kafka.put("state.dir", cluster.stateDir("correlator").toString());
    kafka.putAll(extra);
    return CallCorrelator.start(config, topics, kafka);
  }

  static BitrixSink startSink(BenchCluster cluster, Topics topics, List<String> pbxIds,
      BitrixEmulator emulator, String guarantee, Map<String, Object> extra) throws Exception {
    Map<String, String> keys = new HashMap<>();
    keys.put(SinkConfig.APPLICATION_ID, cluster.newId("sink"));
    keys.put("sink.processing.guarantee", guarantee);
    keys.put(SinkConfig.PORTALS, PORTAL);
    keys.put("bitrix.portal." + PORTAL + ".webhook.url", emulator.webhookUrl());
    keys.put("bitrix.rate.per.second", Double.toString(emulator.config().ratePerSecond()));
    keys.put("bitrix.rate.burst", Integer.toString(emulator.config().burst()));
    keys.put(SinkConfig.ROUTES, String.join(",", pbxIds));
    pbxIds.forEach(pbx -> keys.put("sink.pbx." + pbx + ".portal", PORTAL));
    Properties kafka = new Properties();
    kafka.putAll(cluster.kafka());
    kafka.put("state.dir", cluster.stateDir("sink").toString());
    kafka.putAll(extra);
    return BitrixSink.start(SinkConfig.fromMap(keys), topics, kafka, new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  /** Waits until Streams is RUNNING, so start-up and rebalancing are not measured. */
  static void awaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Streams not RUNNING within " + timeout + ": " + streams.state());
      }
      Thread.sleep(20);
    }
  }

  static void awaitHealthy(BitrixSink sink, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!sink.health().healthy()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("sink not healthy within " + timeout + ": " + sink.health());
      }
      Thread.sleep(20);
    }
  }
}
