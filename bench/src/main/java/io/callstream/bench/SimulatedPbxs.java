package io.callstream.bench;

import io.callstream.producer.AmiProducer;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Simulated PBXs replaying recorded calls (ids rewritten per stream, so each stream is new calls)
 * and the producer configuration that connects to all of them, as the demo wires it. Each PBX
 * replays all its streams on one thread (the simulator's event loop), so 10,000 concurrent calls
 * cost 100 threads, not 10,000.
 */
final class SimulatedPbxs implements AutoCloseable {

  static final String USER = "bench";
  private static final String SECRET_VARIABLE = "CALLSTREAM_BENCH_AMI_SECRET";
  /** Large enough that a producer catching up with a full-speed replay does not drop the session. */
  static final int HANDOFF_CAPACITY = 262_144;

  private final List<AmiSimulator> simulators;
  private final String secret;

  private SimulatedPbxs(List<AmiSimulator> simulators, String secret) {
    this.simulators = simulators;
    this.secret = secret;
  }

  /**
   * @param speed 0 = as fast as possible, else real time × speed
   * @param passes 0 = forever
   */
  static SimulatedPbxs start(int pbxs, List<String> scenarios, double speed, int streamsPerPbx, int passes)
      throws IOException {
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    List<AmiSimulator> simulators = new ArrayList<>();
    for (int i = 0; i < pbxs; i++) {
      simulators.add(AmiSimulator.start(SimulatorConfig.ofScenarios(USER, secret, rotated(scenarios, i, pbxs))
          .withSpeed(speed).withLoops(passes, streamsPerPbx).withTimesFromClock().withSingleReplayThread()));
    }
    return new SimulatedPbxs(simulators, secret);
  }

  /**
   * The scenarios as PBX {@code index} of {@code pbxs} plays them: starting at a different one per
   * PBX, so PBXs with one stream each do not ring the same call at the same moment (four PBXs in
   * lockstep made every ring a burst of four, and one stall decided the latency p99).
   */
  static List<String> rotated(List<String> scenarios, int index, int pbxs) {
    int first = (int) ((long) index * scenarios.size() / pbxs % scenarios.size());
    List<String> out = new ArrayList<>(scenarios.subList(first, scenarios.size()));
    out.addAll(scenarios.subList(0, first));
    return out;
  }

  static String pbxId(int index) {
    return "pbx-" + (index + 1);
  }

  List<AmiSimulator> simulators() {
    return simulators;
  }

  String secret() {
    return secret;
  }

  List<String> pbxIds() {
    return java.util.stream.IntStream.range(0, simulators.size()).mapToObj(SimulatedPbxs::pbxId).toList();
  }

  /** Starts the production producer against every simulated PBX. */
  AmiProducer startProducer(Topics topics, Map<String, Object> kafka) {
    Map<String, String> keys = new HashMap<>();
    for (int i = 0; i < simulators.size(); i++) {
      String p = "ami.pbx." + pbxId(i) + ".";
      keys.put(p + "host", simulators.get(i).host());
      keys.put(p + "port", Integer.toString(simulators.get(i).port()));
      keys.put(p + "username", USER);
      keys.put(p + "secret.env", SECRET_VARIABLE);
    }
    keys.put("ami.handoff.capacity", Integer.toString(HANDOFF_CAPACITY));
    ProducerConfig config = ProducerConfig.fromMap(keys, name -> SECRET_VARIABLE.equals(name) ? secret : null);
    return AmiProducer.start(config, topics, kafka, new SimpleMeterRegistry());
  }

  boolean finished() {
    return simulators.stream().allMatch(s -> s.stats().finished());
  }

  long framesReplayed() {
    return simulators.stream().mapToLong(s -> s.stats().framesReplayed()).sum();
  }

  /** Waits until every stream made all its passes; false on timeout. */
  boolean awaitFinished(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!finished()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  @Override
  public void close() {
    simulators.forEach(AmiSimulator::close);
  }
}
