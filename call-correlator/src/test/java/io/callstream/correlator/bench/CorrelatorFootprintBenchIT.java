package io.callstream.correlator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.Ami;
import io.callstream.correlator.CallCorrelator;
import io.callstream.correlator.Interleaving;
import io.callstream.correlator.ami.NoiseFilter;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.machine.CallStateMachine;
import io.callstream.correlator.machine.Transition;
import io.callstream.correlator.state.PbxState;
import io.callstream.correlator.topology.CallCorrelatorTopology;
import io.callstream.correlator.topology.CorrelatorFootprint;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.ami.RecordedCalls;
import io.callstream.schemas.topics.Topics;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measurement: state-store bytes per open call with 1k and 10k concurrent calls, and what is
 * left when they end. Every capture is cut just after its first answer (or first ring), copied
 * with ids rewritten over 10 PBXs, all heads are fed (calls open), the footprint is logged, then
 * all tails (calls end). Runs the real topology in a {@code TopologyTestDriver} (RocksDB store);
 * noise is left out of the input because the topology drops it before the store anyway. Off
 * unless {@code -Dcorrelator.bench=true}.
 */
@EnabledIfSystemProperty(named = "correlator.bench", matches = "true")
class CorrelatorFootprintBenchIT {

  private static final Logger LOG = LoggerFactory.getLogger("bench");
  private static final int PBXS = 10;
  // Captures were recorded on different days: no open call may time out while others are fed.
  private static final CorrelatorConfig CONFIG = CorrelatorConfig.fromMap(Map.of(
      CorrelatorConfig.CALL_TIMEOUT_MS, String.valueOf(3_650L * 24 * 3600 * 1000)));

  @Test
  void bytesPerOpenCall() throws Exception {
    List<Cut> cuts = RecordedCalls.SCENARIOS.stream().map(CorrelatorFootprintBenchIT::cut)
        .toList();
    for (int target : List.of(1_000, 10_000)) {
      measure(cuts, target);
    }
  }

  private static void measure(List<Cut> cuts, int target) throws Exception {
    Topics topics = Topics.defaults();
    Properties props = CallCorrelator.streamsProperties(CONFIG,
        Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"));
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("footprint").toString());
    try (TopologyTestDriver driver = new TopologyTestDriver(
        CallCorrelatorTopology.build(CONFIG, topics), props)) {
      TestInputTopic<String, AmiEvent> input = driver.createInputTopic(
          topics.amiEvents().name(), topics.amiEvents().keySerde().serializer(),
          topics.amiEvents().valueSerde().serializer());
      KeyValueStore<String, byte[]> store = driver.getKeyValueStore(
          CallCorrelatorTopology.STATE_STORE);
      List<Tail> tails = new ArrayList<>();
      int open = 0;
      for (int copy = 0; open < target; copy++) {
        for (Cut cut : cuts) {
          if (open >= target) {
            break;
          }
          String pbxId = "fp-" + (copy % PBXS);
          List<AmiEvent> events = Interleaving.rewrite(cut.events(), "f" + copy);
          events.subList(0, cut.at()).forEach(e -> pipe(input, e, pbxId));
          tails.add(new Tail(pbxId, events.subList(cut.at(), events.size())));
          open += cut.openCalls();
        }
      }
      CorrelatorFootprint during = CorrelatorFootprint.of(store);
      LOG.info("{} calls open: {} -> {} bytes per call", open, during,
          Math.round(during.bytesPerCall()));
      tails.forEach(tail -> tail.events().forEach(e -> pipe(input, e, tail.pbxId())));
      CorrelatorFootprint after = CorrelatorFootprint.of(store);
      LOG.info("after they ended: {}", after);
      assertThat(after.calls()).isZero();
    }
  }

  private static void pipe(TestInputTopic<String, AmiEvent> input, AmiEvent event, String pbxId) {
    AmiEvent e = AmiEvent.newBuilder(event).setPbxId(pbxId).build();
    input.pipeInput(pbxId, e, Ami.time(e));
  }

  private record Tail(String pbxId, List<AmiEvent> events) {
  }

  /** A capture's relevant events and where to cut it: after the first answer, else ring. */
  private record Cut(List<AmiEvent> events, int at, int openCalls) {
  }

  private static Cut cut(String scenario) {
    List<AmiEvent> events = Ami.session(scenario, "c1").stream()
        .filter(e -> e.getKind() == AmiFrameKind.EVENT && NoiseFilter.isRelevant(e)).toList();
    CallStateMachine machine = new CallStateMachine(CONFIG);
    PbxState state = PbxState.empty(Ami.PBX);
    int ringing = -1;
    int open = 0;
    for (int i = 0; i < events.size(); i++) {
      Transition t = machine.apply(state, events.get(i));
      state = t.state();
      for (var step : t.lifecycle()) {
        open += step.getType() == CallEventType.STARTED ? 1
            : step.getType() == CallEventType.ENDED ? -1 : 0;
        if (step.getType() == CallEventType.ANSWERED) {
          return new Cut(events, i + 1, open);
        }
        if (step.getType() == CallEventType.RINGING && ringing < 0) {
          ringing = i + 1;
        }
      }
    }
    return new Cut(events, ringing < 0 ? events.size() / 2 : ringing, 1);
  }
}
