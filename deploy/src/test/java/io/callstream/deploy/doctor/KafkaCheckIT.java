package io.callstream.deploy.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.schemas.topics.TopicProvisioner;
import io.callstream.schemas.topics.Topics;
import io.callstream.schemas.topics.ValueSerdeFactory;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaCheckIT {

  @Test
  void shouldFindTheBrokerAndTellWhichTopicsAreMissing(KafkaBroker kafka) throws Exception {
    Topics topics = new Topics("doc" + UUID.randomUUID().toString().substring(0, 6) + ".",
        ValueSerdeFactory.defaults());

    List<CheckResult> before = new KafkaCheck(Map.of("bootstrap.servers", kafka.bootstrapServers()), topics).run();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      new TopicProvisioner(admin).createMissing(topics, 1, (short) 1);
    }
    List<CheckResult> after = new KafkaCheck(Map.of("bootstrap.servers", kafka.bootstrapServers()), topics).run();

    assertThat(before.get(0).status()).isEqualTo(CheckResult.Status.OK);
    assertThat(before.get(1).status()).isEqualTo(CheckResult.Status.WARN);
    assertThat(before.get(1).what()).contains(topics.amiEvents().name());
    assertThat(after).extracting(CheckResult::status).containsOnly(CheckResult.Status.OK);
  }

  @Test
  void shouldSayWhatToOpenWhenKafkaIsUnreachable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }

    List<CheckResult> results = new KafkaCheck(Map.of("bootstrap.servers", "127.0.0.1:" + closedPort),
        Topics.defaults()).run();

    assertThat(results).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
      assertThat(r.what()).contains("cannot reach Kafka at 127.0.0.1:" + closedPort);
      assertThat(r.fix()).contains("allow TCP from this host").contains("outbound");
    });
  }
}
