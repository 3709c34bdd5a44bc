package io.callstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-PBX volume options reach the PBX as the login event mask and Filter actions. */
class VolumeOptionsTest {

  @Test
  void shouldLogInWithTheEventMaskAndSendTheFiltersInOrder() throws Exception {
    try (AmiSimulator sim = AmiSimulator.start(SimulatorConfig.ofScenarios(ItSupport.USER,
        ItSupport.SECRET, List.of("inbound_answered")))) {
      sim.pauseAt(0);
      Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
      keys.putAll(ItSupport.pbxKeys("pbx1", sim));
      keys.put("ami.pbx.pbx1.events", "call,agent,user,cdr,system");
      keys.put("ami.pbx.pbx1.filter.1", "!Event: Newexten");
      keys.put("ami.pbx.pbx1.filter.2", "MatchCriteria=name_exact Event: VarSet");
      keys.put("ami.resync.actions", "CoreShowChannels");
      // No broker is needed to see what the producer asks the PBX for.
      AmiProducer producer = AmiProducer.start(ProducerConfig.fromMap(keys, ItSupport::env),
          Topics.defaults(), Map.of("bootstrap.servers", "127.0.0.1:9", "max.block.ms", "100"),
          new SimpleMeterRegistry());
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.receivedActions().stream()
            .anyMatch(a -> "CoreShowChannels".equals(a.get("action"))));
      } finally {
        producer.close();
      }
      List<Map<String, String>> actions = sim.receivedActions();
      assertThat(actions).extracting(a -> a.get("action")).startsWith(
          "Challenge", "Login", "CoreSettings", "Filter", "Filter", "CoreShowChannels");
      assertThat(actions.get(1)).containsEntry("events", "call,agent,user,cdr,system")
          .containsEntry("authtype", "MD5").doesNotContainKeys("secret", "key");
      assertThat(actions.get(3)).containsEntry("operation", "Add").containsEntry("filter", "!Event: Newexten");
      assertThat(actions.get(4)).containsEntry("matchcriteria", "name_exact")
          .containsEntry("filter", "Event: VarSet");
    }
  }
}
