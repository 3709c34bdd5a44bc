package io.callstream.bench;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The correlator's baseline: the least a stateful Streams application over the raw topic does —
 * group by key, aggregate every record into a persistent store, emit one output per input (run it
 * with the record cache off). Values stay opaque bytes.
 */
public final class PassThroughTopology {

  private PassThroughTopology() {
  }

  public static Topology build(String input, String output) {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("baseline-source"))
        .groupByKey(Grouped.<String, byte[]>as("baseline-group")
            .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
        .aggregate(() -> new byte[0], (key, value, previous) -> value, Named.as("baseline-aggregate"),
            Materialized.<String, byte[], KeyValueStore<Bytes, byte[]>>as("baseline-store")
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
        .toStream(Named.as("baseline-to-stream"))
        .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("baseline-sink"));
    return builder.build();
  }
}
