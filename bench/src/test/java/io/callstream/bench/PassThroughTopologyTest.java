package io.callstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class PassThroughTopologyTest {

  @Test
  void shouldEmitOneOutputPerInputAndKeepTheLastValuePerKey() {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "baseline-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    try (TopologyTestDriver driver = new TopologyTestDriver(PassThroughTopology.build("in", "out"), props)) {
      TestInputTopic<String, byte[]> in = driver.createInputTopic("in", new StringSerializer(), new ByteArraySerializer());
      TestOutputTopic<String, byte[]> out = driver.createOutputTopic("out", new StringDeserializer(), new ByteArrayDeserializer());

      in.pipeInput("pbx-1", new byte[] {1});
      in.pipeInput("pbx-1", new byte[] {2});
      in.pipeInput("pbx-2", new byte[] {3});

      assertThat(out.readValuesToList()).containsExactly(new byte[] {1}, new byte[] {2}, new byte[] {3});
      assertThat((byte[]) driver.getKeyValueStore("baseline-store").get("pbx-1")).containsExactly(2);
    }
  }
}
