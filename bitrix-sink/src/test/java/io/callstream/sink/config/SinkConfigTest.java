package io.callstream.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

  private static Map<String, String> minimal() {
    Map<String, String> m = new HashMap<>();
    m.put("bitrix.portals", "main");
    m.put("bitrix.portal.main.webhook.url", "https://b24.example.com/rest/1/abcdef0123456789/");
    m.put("sink.pbx.ids", "pbx1");
    m.put("sink.pbx.pbx1.portal", "main");
    return m;
  }

  @Test
  void defaultsFollowTheContract() {
    SinkConfig c = SinkConfig.fromMap(minimal());
    PortalConfig p = c.portals().get("main");
    assertThat(p.ratePerSecond()).isEqualTo(2.0);
    assertThat(p.burst()).isEqualTo(50);
    assertThat(p.operatingLimitSeconds()).isEqualTo(480);
    assertThat(c.transferMode()).isEqualTo(TransferMode.PER_LEG);
    assertThat(c.skipInternalCalls()).isTrue();
    assertThat(c.batchMaxCommands()).isEqualTo(50);
    assertThat(c.route("pbx1").orElseThrow().pbxZone()).isEqualTo(ZoneId.of("UTC"));
    assertThat(p.auth().toString()).doesNotContain("abcdef0123456789");
  }

  @Test
  void oauthPortalsAndEnterpriseLimitsAreRead() {
    Map<String, String> m = minimal();
    m.remove("bitrix.portal.main.webhook.url");
    m.put("bitrix.portal.main.oauth.rest.endpoint", "https://b24.example.com/rest/");
    m.put("bitrix.portal.main.oauth.client.id", "app.1");
    m.put("bitrix.portal.main.oauth.client.secret", "s3cr3t-value");
    m.put("bitrix.portal.main.oauth.access.token", "access-value");
    m.put("bitrix.portal.main.oauth.refresh.token", "refresh-value");
    m.put("bitrix.portal.main.rate.per.second", "5");
    m.put("bitrix.portal.main.rate.burst", "250");
    PortalConfig p = SinkConfig.fromMap(m).portals().get("main");
    assertThat(p.auth()).isInstanceOf(PortalAuth.OAuth.class);
    assertThat(p.auth().toString()).doesNotContain("s3cr3t-value", "access-value", "refresh-value");
    assertThat(p.burst()).isEqualTo(250);
  }

  @Test
  void badValuesFailFastNamingTheKeyAndTheFix() {
    assertError(Map.of("bitrix.rate.per.second", "fast"), "bitrix.rate.per.second", "number");
    assertError(Map.of("bitrix.batch.max.commands", "60"), "bitrix.batch.max.commands", "at most 50");
    assertError(Map.of("bitrix.transfer.mode", "legs"), "bitrix.transfer.mode", "per-leg or single-call");
    assertError(Map.of("sink.pbx.pbx1.portal", "other"), "sink.pbx.pbx1.portal", "unknown portal");
    assertError(Map.of("sink.pbx.pbx1.timezone", "Mars/Base"), "sink.pbx.pbx1.timezone", "Europe/Moscow");
    assertError(Map.of("bitrix.portal.main.webhook.url", "https://b24.example.com/"),
        "bitrix.portal.main.webhook.url", "/rest/<user id>/<code>/");
    assertError(Map.of("bitrix.recording.url.template", "https://pbx/rec/"),
        "bitrix.recording.url.template", "{file}");
    assertError(Map.of("bitrix.portal.main.missed.owner.user.id", "boss"),
        "bitrix.portal.main.missed.owner.user.id", "numeric ID");
  }

  @Test
  void theDedupRetentionIsDaysBoundedAndOutlastsTheLongestWaitInTheDispatcher() {
    assertThat(SinkConfig.fromMap(minimal()).dedupRetention()).hasHours(72);
    Map<String, String> m = minimal();
    m.put("sink.dedup.retention.hours", "1");
    m.put("bitrix.crm.call.timeout.seconds", "600");
    assertThat(SinkConfig.fromMap(m).dedupRetention()).hasHours(1);
    assertError(Map.of("sink.dedup.retention.hours", "721"), "sink.dedup.retention.hours",
        "at most 720");
    assertError(Map.of("sink.dedup.retention.hours", "-3"), "sink.dedup.retention.hours",
        "greater than 0");
    assertError(Map.of("sink.dedup.retention.hours", "1", "bitrix.crm.call.timeout.seconds", "3600"),
        "sink.dedup.retention.hours", "not longer than a command may wait in the dispatcher "
            + "(bitrix.crm.call.timeout.seconds + bitrix.retry.max.attempts x bitrix.retry.max.ms "
            + "= 70 min)");
    assertError(Map.of("sink.dedup.retention.hours", "24", "bitrix.retry.max.attempts", "2000"),
        "sink.dedup.retention.hours", "lower those settings");
  }

  @Test
  void misspeltKeysAreRejectedAndOtherModulesKeysIgnored() {
    assertError(Map.of("bitrix.rate.persecond", "5"), "bitrix.rate.persecond", "spelling");
    assertError(Map.of("bitrix.portal.main.fallback.user", "5"), "bitrix.portal.main.fallback.user",
        "spelling");
    Map<String, String> m = minimal();
    m.put("producer.ami.host", "127.0.0.1");
    assertThat(SinkConfig.fromMap(m).portals()).containsKey("main");
  }

  @Test
  void theCorrelatorGroupDefaultsToTheCorrelatorsOwnIdAndMustBeAStreamsApplicationId() {
    assertThat(SinkConfig.fromMap(minimal()).correlatorApplicationId())
        .isEqualTo("callstream-correlator");
    Map<String, String> m = minimal();
    m.put(SinkConfig.CORRELATOR_APPLICATION_ID, "acme-correlator");
    assertThat(SinkConfig.fromMap(m).correlatorApplicationId()).isEqualTo("acme-correlator");
    assertError(Map.of(SinkConfig.CORRELATOR_APPLICATION_ID, "a b"),
        SinkConfig.CORRELATOR_APPLICATION_ID, "correlator.application.id");
  }

  @Test
  void missingPortalsIsNamed() {
    assertThatThrownBy(() -> SinkConfig.fromMap(Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("bitrix.portals").hasMessageContaining("Fix:");
  }

  private static void assertError(Map<String, String> override, String key, String fix) {
    Map<String, String> m = minimal();
    m.putAll(override);
    assertThatThrownBy(() -> SinkConfig.fromMap(m)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(key).hasMessageContaining(fix);
  }
}
