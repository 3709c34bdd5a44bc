package io.callstream.bench;

import io.callstream.correlator.CallCorrelator;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.topology.CallCorrelatorTopology;
import io.callstream.producer.AmiProducer;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Producer ingest and correlator throughput, each with its same-run baseline. The correlator and
 * its baseline read the very topic the producer just filled, so both see the same records.
 */
final class Throughput {

  /** The same Streams settings for the correlator and its baseline. */
  private static final Map<String, Object> STREAMS = Map.of(
      "processing.guarantee", "at_least_once", "statestore.cache.max.bytes", 0L);
  private static final Duration IDLE = Duration.ofMillis(500);
  /** Frames the simulators may be ahead of Kafka, over all PBXs (a replay step is half of it). */
  private static final long IN_FLIGHT = 100_000;

  /** A raw topic filled by the producer, and how fast. */
  record Filled(Topics topics, int partitions, double eventsPerSecond, long records) {
  }

  private final BenchCluster cluster;
  private final Duration timeout;

  Throughput(BenchCluster cluster, Duration timeout) {
    this.cluster = cluster;
    this.timeout = timeout;
  }

  /**
   * Replays the captures as fast as possible into the production producer and times it from the
   * producer's start until the last record is in Kafka (end offsets, i.e. acknowledged). Connecting
   * and logging in are counted: the producer holds frames while it logs in and resynchronises and
   * then sends them in one burst, so timing from the first record would measure only that burst.
   * The simulators are let ahead of Kafka by at most {@link #IN_FLIGHT} frames: the producer reads
   * its sockets without waiting (a PBX cannot be slowed down), so a replay at speed 0 on a loaded
   * machine once overran its 262,144-frame hand-off, lost the session and measured 1.9k events/s.
   */
  Filled ingest(int pbxs, int streamsPerPbx, int passes, List<String> scenarios) throws Exception {
    int partitions = Math.max(1, Math.min(8, pbxs));
    Topics topics = cluster.freshTopics("ingest", partitions);
    String raw = topics.amiEvents().name();
    long perPbx = CaptureTimeline.of(scenarios).events() * streamsPerPbx * passes;
    long window = Math.max(1_000, IN_FLIGHT / pbxs);
    try (SimulatedPbxs sims = SimulatedPbxs.start(pbxs, scenarios, 0, streamsPerPbx, passes)) {
      long released = Math.min(window, perPbx);
      if (released < perPbx) {
        long upTo = released;
        sims.simulators().forEach(s -> s.pauseAt(upTo));
      }
      long begin = System.nanoTime();
      long deadline = begin + timeout.toNanos();
      long lastChange = begin;
      long last = 0;
      try (AmiProducer producer = sims.startProducer(topics, cluster.kafka())) {
        while (System.nanoTime() < deadline) {
          long n = cluster.records(raw);
          long now = System.nanoTime();
          if (released < perPbx && n >= (released - window / 2) * pbxs) {
            released = Math.min(perPbx, released + window / 2);
            long next = released;
            // The last step lifts the hold, so a miscount of the captures' frames cannot stall the replay.
            sims.simulators().forEach(s -> {
              if (next < perPbx) {
                s.pauseAt(next);
              } else {
                s.resume();
              }
            });
          }
          if (n != last) {
            last = n;
            lastChange = now;
          } else if (sims.finished() && n >= sims.framesReplayed() && now - lastChange > IDLE.toNanos()) {
            break;
          }
          Thread.sleep(10);
        }
        if (!sims.finished()) {
          throw new IllegalStateException("the producer did not take all frames within " + timeout);
        }
      }
      return new Filled(topics, partitions, last / Math.max(1e-3, (lastChange - begin) / 1e9), last);
    }
  }

  /** The producer's baseline on one PBX with the same load: plain reader, default KafkaProducer. */
  double minimalIngest(int streams, int passes, List<String> scenarios) throws Exception {
    String topic = cluster.createTopic("baseline-raw", 1);
    try (SimulatedPbxs sims = SimulatedPbxs.start(1, scenarios, 0, streams, passes)) {
      AmiSimulator pbx = sims.simulators().get(0);
      return MinimalAmiBaseline.framesPerSecond(pbx.host(), pbx.port(), SimulatedPbxs.USER, sims.secret(),
          cluster.bootstrapServers(), topic, SimulatedPbxs.pbxId(0), Long.MAX_VALUE, IDLE);
    }
  }

  /** The production topology over a filled raw topic, at-least-once, cache off. */
  double correlator(Filled filled) throws Exception {
    return correlator(filled, Map.of());
  }

  /** The same with other Streams settings on top (e.g. exactly-once and its commit interval). */
  double correlator(Filled filled, Map<String, Object> extra) throws Exception {
    String appId = cluster.newId("correlator");
    CorrelatorConfig config = CorrelatorConfig.fromMap(Map.of("correlator.application.id", appId));
    Map<String, Object> settings = new HashMap<>();
    CallCorrelator.streamsProperties(config, cluster.kafka()).forEach((k, v) -> settings.put((String) k, v));
    settings.putAll(STREAMS);
    settings.putAll(extra);
    return new StreamsThroughputProbe(cluster.bootstrapServers()).recordsPerSecond(
        CallCorrelatorTopology.build(config, filled.topics()), appId, filled.topics().amiEvents().name(),
        settings, timeout);
  }

  /** The correlator's baseline over the same topic with the same settings. */
  double passThrough(Filled filled) throws Exception {
    String appId = cluster.newId("pass-through");
    String output = cluster.createTopic("pass-through-out", filled.partitions());
    return new StreamsThroughputProbe(cluster.bootstrapServers()).recordsPerSecond(
        PassThroughTopology.build(filled.topics().amiEvents().name(), output), appId,
        filled.topics().amiEvents().name(), new HashMap<>(STREAMS), timeout);
  }
}
