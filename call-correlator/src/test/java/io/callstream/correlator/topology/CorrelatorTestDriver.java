package io.callstream.correlator.topology;

import io.callstream.correlator.CallCorrelator;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The correlator's topology on Kafka's test driver, with its raw input and both outputs. */
final class CorrelatorTestDriver implements AutoCloseable {

  static final Topics TOPICS = Topics.defaults();

  final TopologyTestDriver driver;
  final TestInputTopic<String, AmiEvent> input;
  final TestOutputTopic<String, CallEvent> lifecycle;
  final TestOutputTopic<String, CallSummary> summaries;

  CorrelatorTestDriver(CorrelatorConfig config, Path stateDir) {
    Properties props = CallCorrelator.streamsProperties(config,
        Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"));
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(CallCorrelatorTopology.build(config, TOPICS), props);
    input = driver.createInputTopic(TOPICS.amiEvents().name(),
        TOPICS.amiEvents().keySerde().serializer(), TOPICS.amiEvents().valueSerde().serializer());
    lifecycle = driver.createOutputTopic(TOPICS.callLifecycle().name(),
        TOPICS.callLifecycle().keySerde().deserializer(),
        TOPICS.callLifecycle().valueSerde().deserializer());
    summaries = driver.createOutputTopic(TOPICS.callSummary().name(),
        TOPICS.callSummary().keySerde().deserializer(),
        TOPICS.callSummary().valueSerde().deserializer());
  }

  @Override
  public void close() {
    driver.close();
  }
}
