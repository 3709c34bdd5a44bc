package io.callstream.producer.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaPublisherTest {

  @Test
  void shouldBeIdempotentWithAcksAllAndLz4ByDefault() {
    Map<String, Object> props = KafkaPublisher.producerProperties(Map.of("bootstrap.servers", "x:9092"));
    assertThat(props).containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
        .containsEntry("compression.type", "lz4").containsEntry("bootstrap.servers", "x:9092")
        .containsEntry("max.in.flight.requests.per.connection", "1");
  }

  @Test
  void shouldLetTheCallerTuneButNotWeakenDelivery() {
    assertThat(KafkaPublisher.producerProperties(Map.of("compression.type", "zstd", "acks", "-1")))
        .containsEntry("compression.type", "zstd").containsEntry("acks", "all");
    assertThatThrownBy(() -> KafkaPublisher.producerProperties(Map.of("acks", "1")))
        .hasMessageContaining("acks = 1: the raw AMI log needs all");
    assertThatThrownBy(() -> KafkaPublisher.producerProperties(Map.of("enable.idempotence", "false")))
        .hasMessageContaining("enable.idempotence = false");
  }
}
