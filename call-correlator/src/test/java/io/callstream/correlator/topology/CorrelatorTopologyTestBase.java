package io.callstream.correlator.topology;

import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import java.nio.file.Path;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Starts the correlator's topology on Kafka's test driver per test, and closes it after. */
abstract class CorrelatorTopologyTestBase {

  @TempDir
  Path stateDir;

  CorrelatorTestDriver correlator;
  TestInputTopic<String, AmiEvent> input;
  TestOutputTopic<String, CallEvent> lifecycle;
  TestOutputTopic<String, CallSummary> summaries;

  void start(CorrelatorConfig config) {
    correlator = new CorrelatorTestDriver(config, stateDir);
    input = correlator.input;
    lifecycle = correlator.lifecycle;
    summaries = correlator.summaries;
  }

  @AfterEach
  void close() {
    if (correlator != null) {
      correlator.close();
    }
  }
}
