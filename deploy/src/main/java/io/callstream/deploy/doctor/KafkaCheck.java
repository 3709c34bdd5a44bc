package io.callstream.deploy.doctor;

import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/** Kafka reachability, and whether every CallStream topic exists. */
public final class KafkaCheck implements Check {

  private static final String AREA = "Kafka";

  private final Map<String, Object> kafkaProperties;
  private final Topics topics;

  public KafkaCheck(Map<String, Object> kafkaProperties, Topics topics) {
    this.kafkaProperties = kafkaProperties;
    this.topics = topics;
  }

  @Override
  public List<CheckResult> run() {
    Map<String, Object> props = new HashMap<>(kafkaProperties);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
    Object bootstrap = props.get("bootstrap.servers");
    List<CheckResult> results = new ArrayList<>();
    try (Admin admin = Admin.create(props)) {
      var nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
      results.add(CheckResult.ok(AREA, "reached the cluster at " + bootstrap + ": "
          + nodes.size() + " broker(s) " + nodes.stream().map(Node::host).distinct().toList()));
      Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      List<String> missing = new ArrayList<>();
      for (TopicDescriptor<String, ?> topic : topics.all()) {
        if (!existing.contains(topic.name())) {
          missing.add(topic.name());
        }
      }
      results.add(missing.isEmpty()
          ? CheckResult.ok(AREA, "all " + topics.all().size() + " CallStream topics exist")
          : CheckResult.warn(AREA, "missing topics: " + String.join(", ", missing),
              "they are created at start-up when the cluster allows it; otherwise ask the Kafka "
                  + "admin to create them (keyed topics: use the same partition count for "
                  + topics.amiEvents().name() + " as for the others)"));
    } catch (TimeoutException | ExecutionException e) {
      results.add(CheckResult.fail(AREA, "cannot reach Kafka at " + bootstrap + " ("
          + rootMessage(e) + ")", "check kafka.bootstrap.servers; allow TCP from this host to "
          + "every broker's port (outbound from CallStream to Kafka), and the security settings "
          + "(security.protocol, sasl.*) under kafka:"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      results.add(CheckResult.fail(AREA, "interrupted", ""));
    } catch (RuntimeException e) {
      results.add(CheckResult.fail(AREA, "the Kafka client settings are not valid: "
          + rootMessage(e), "fix the kafka: section of the configuration"));
    }
    return results;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
