package io.callstream.sink.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns when {@code crm.bitrix.outcomes} keeps records for less time than the dispatcher needs
 * them ({@link DedupWindow}): outcomes the broker deleted are forgotten at the next partition
 * assignment, and the commands they belonged to could be sent a second time.
 */
final class OutcomeTopicCheck {

  private static final Logger LOG = LoggerFactory.getLogger(OutcomeTopicCheck.class);

  private OutcomeTopicCheck() {
  }

  /** Logs a warning naming the fix if the topic's retention is too short; never fails. */
  static void warnIfTooShort(Properties kafka, String topic, Duration needed) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.remove("state.dir");
    try (Admin admin = Admin.create(p)) {
      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(r)).all()
          .get(10, TimeUnit.SECONDS);
      problem(configs.get(r).get("retention.ms"), needed).ifPresent(problem ->
          LOG.warn("Topic {} {}: raise it (kafka-configs --alter --entity-type topics "
              + "--entity-name {} --add-config retention.ms={}) or lower sink.dedup.retention.hours",
              topic, problem, topic, needed.toMillis()));
    } catch (Exception e) {
      LOG.info("Could not check the retention of {} ({}); it must keep records at least {} h",
          topic, e.toString(), needed.toHours());
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static Optional<String> problem(ConfigEntry retention, Duration needed) {
    if (retention == null || retention.value() == null) {
      return Optional.empty();
    }
    long ms = Long.parseLong(retention.value());
    if (ms >= 0 && ms < needed.toMillis()) {
      return Optional.of("keeps records " + Duration.ofMillis(ms).toHours() + " h (retention.ms="
          + ms + "), less than the " + needed.toHours() + " h the dispatcher remembers outcomes");
    }
    return Optional.empty();
  }
}
