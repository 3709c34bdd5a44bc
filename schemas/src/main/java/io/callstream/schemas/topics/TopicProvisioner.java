package io.callstream.schemas.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the CallStream topics that do not exist yet, with their declared settings. */
public final class TopicProvisioner {

  private final Admin admin;

  public TopicProvisioner(Admin admin) {
    this.admin = admin;
  }

  /**
   * @return the names of the topics that were created (those that existed are left as they are)
   */
  public List<String> createMissing(Topics topics, int partitions, short replicationFactor)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (TopicDescriptor<String, ?> topic : topics.all()) {
      if (!existing.contains(topic.name())) {
        missing.add(new NewTopic(topic.name(), partitions, replicationFactor)
            .configs(topic.topicConfig()));
      }
    }
    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    return missing.stream().map(NewTopic::name).toList();
  }
}
