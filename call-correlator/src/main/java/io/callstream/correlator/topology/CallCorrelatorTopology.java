package io.callstream.correlator.topology;

import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The correlator topology, built by a pure factory (no I/O, no clock):
 * {@code pbx.ami.events} (key pbxId) → drop dialplan noise → correlate (state store per PBX)
 * → {@code pbx.calls.lifecycle} and {@code pbx.calls.summary} (key callId). The input is already
 * keyed by PBX, so there is no repartition topic; every processor and the store are named.
 */
public final class CallCorrelatorTopology {

  public static final String SOURCE = "ami-events-source";
  public static final String NOISE_FILTER = "drop-dialplan-noise";
  public static final String CORRELATOR = "correlate-calls";
  public static final String STATE_STORE = "correlator-pbx-state";
  public static final String LIFECYCLE_SINK = "call-lifecycle-sink";
  public static final String SUMMARY_SINK = "call-summary-sink";

  private CallCorrelatorTopology() {
  }

  public static Topology build(CorrelatorConfig config) {
    return build(config, Topics.defaults());
  }

  public static Topology build(CorrelatorConfig config, Topics topics) {
    TopicDescriptor<String, io.callstream.schemas.AmiEvent> input = topics.amiEvents();
    TopicDescriptor<String, io.callstream.schemas.CallEvent> lifecycle = topics.callLifecycle();
    TopicDescriptor<String, io.callstream.schemas.CallSummary> summary = topics.callSummary();
    Topology topology = new Topology();
    topology.addSource(SOURCE, input.keySerde().deserializer(), input.valueSerde().deserializer(),
        input.name());
    topology.addProcessor(NOISE_FILTER, NoiseFilterProcessor::new, SOURCE);
    topology.addProcessor(CORRELATOR, () -> new CorrelatorProcessor(config), NOISE_FILTER);
    topology.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), Serdes.ByteArray()),
        CORRELATOR);
    topology.addSink(LIFECYCLE_SINK, lifecycle.name(), lifecycle.keySerde().serializer(),
        lifecycle.valueSerde().serializer(), CORRELATOR);
    topology.addSink(SUMMARY_SINK, summary.name(), summary.keySerde().serializer(),
        summary.valueSerde().serializer(), CORRELATOR);
    return topology;
  }
}
