package io.callstream.producer;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.ami.AmiEvents;
import io.callstream.schemas.topics.TopicProvisioner;
import io.callstream.schemas.topics.Topics;
import io.callstream.schemas.topics.ValueSerdeFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;

/** Shared set-up for the producer ITs: fresh topics, configuration keys for simulators. */
final class ItSupport {

  static final String USER = "crm";
  static final String SECRET = "s3cr3t-Do-Not-Log";
  static final String SECRET_ENV = "CALLSTREAM_IT_AMI_SECRET";

  private ItSupport() {
  }

  static Topics freshTopics(KafkaBroker kafka, int partitions) throws Exception {
    Topics topics = new Topics("it-" + UUID.randomUUID() + ".", ValueSerdeFactory.defaults());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      new TopicProvisioner(admin).createMissing(topics, partitions, (short) 1);
    }
    return topics;
  }

  static Map<String, String> pbxKeys(String pbxId, AmiSimulator simulator) {
    Map<String, String> keys = new HashMap<>();
    String p = "ami.pbx." + pbxId + ".";
    keys.put(p + "host", simulator.host());
    keys.put(p + "port", Integer.toString(simulator.port()));
    keys.put(p + "username", USER);
    keys.put(p + "secret.env", SECRET_ENV);
    return keys;
  }

  static Map<String, String> fastTimings() {
    Map<String, String> keys = new HashMap<>();
    keys.put("ami.reconnect.initial.delay.ms", "100");
    keys.put("ami.reconnect.max.delay.ms", "1000");
    keys.put("ami.keepalive.interval.ms", "2000");
    keys.put("ami.keepalive.timeout.ms", "2000");
    return keys;
  }

  static String env(String name) {
    return SECRET_ENV.equals(name) ? SECRET : null;
  }

  static Map<String, Object> kafka(KafkaBroker kafka) {
    return Map.of("bootstrap.servers", kafka.bootstrapServers());
  }

  /** The replayed events of a session: EVENT frames that do not answer one of our actions. */
  static List<AmiEvent> asyncEvents(List<AmiEvent> records) {
    return records.stream()
        .filter(e -> e.getKind() == AmiFrameKind.EVENT && AmiEvents.header(e, "ActionID") == null)
        .toList();
  }
}
