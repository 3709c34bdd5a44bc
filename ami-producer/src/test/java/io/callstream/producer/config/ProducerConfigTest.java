package io.callstream.producer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerConfigTest {

  private static final Map<String, String> ENV = Map.of("AMI_SECRET", "pa55-word");

  private static Map<String, String> minimal() {
    Map<String, String> keys = new HashMap<>();
    keys.put("ami.pbx.main.host", "pbx.example.net");
    keys.put("ami.pbx.main.username", "crm");
    keys.put("ami.pbx.main.secret.env", "AMI_SECRET");
    return keys;
  }

  private static ProducerConfig read(Map<String, String> keys) {
    return ProducerConfig.fromMap(keys, ENV::get);
  }

  @Test
  void shouldApplyTheDocumentedDefaults() {
    ProducerConfig config = read(minimal());
    assertThat(config.pbxs()).singleElement().satisfies(p -> {
      assertThat(p.pbxId()).isEqualTo("main");
      assertThat(p.port()).isEqualTo(5038);
      assertThat(p.tls()).isFalse();
      assertThat(p.eventMask()).isEqualTo("on");
      assertThat(p.filters()).isEmpty();
      assertThat(p.secret().reveal()).isEqualTo("pa55-word");
    });
    assertThat(config.reconnectInitialDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.authMaxRetries()).isEqualTo(3);
    assertThat(config.keepaliveInterval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.resyncActions())
        .containsExactly("CoreShowChannels", "BridgeList", "QueueStatus", "ParkedCalls");
    assertThat(config.handoffCapacity()).isEqualTo(65536);
    assertThat(config.captureDir()).isEmpty();
  }

  @Test
  void shouldReadManyPbxsWithTheirOwnSettingsAndOrderedFilters(@TempDir Path dir) throws Exception {
    Path secretFile = dir.resolve("b.secret");
    Files.writeString(secretFile, "from-file\n");
    Map<String, String> keys = minimal();
    keys.put("ami.pbx.branch-2.host", "10.0.0.2");
    keys.put("ami.pbx.branch-2.port", "5039");
    keys.put("ami.pbx.branch-2.tls", "true");
    keys.put("ami.pbx.branch-2.username", "crm2");
    keys.put("ami.pbx.branch-2.secret.file", secretFile.toString());
    keys.put("ami.pbx.branch-2.events", "call,agent,user,cdr,system");
    keys.put("ami.pbx.branch-2.filter.2", "!Event: Newexten");
    keys.put("ami.pbx.branch-2.filter.1", "!Event: VarSet");
    ProducerConfig config = read(keys);
    PbxConfig branch = config.pbxs().stream().filter(p -> p.pbxId().equals("branch-2")).findFirst().orElseThrow();
    assertThat(config.pbxs()).hasSize(2);
    assertThat(branch.port()).isEqualTo(5039);
    assertThat(branch.tls()).isTrue();
    assertThat(branch.secret().reveal()).isEqualTo("from-file");
    assertThat(branch.eventMask()).isEqualTo("call,agent,user,cdr,system");
    assertThat(branch.filters()).containsExactly("!Event: VarSet", "!Event: Newexten");
  }

  @Test
  void shouldNameTheKeyAndTheFixForEveryBadValue() {
    assertFails(Map.of("ami.pbx.main.port", "70000"), "ami.pbx.main.port: must be 1..65535");
    assertFails(Map.of("ami.pbx.main.port", "abc"), "ami.pbx.main.port: must be a whole number");
    assertFails(Map.of("ami.reconnect.max.delay.ms", "10"),
        "ami.reconnect.max.delay.ms: must be at least ami.reconnect.initial.delay.ms");
    assertFails(Map.of("ami.reconnect.jitter", "2"), "ami.reconnect.jitter: must be between 0 and 1");
    assertFails(Map.of("ami.keepalive.timeout.ms", "0"), "ami.keepalive.timeout.ms: must be a positive");
    assertFails(Map.of("ami.handoff.capacity", "2"), "ami.handoff.capacity: must be >= 16");
    assertFails(Map.of("ami.auth.max.retries", "-1"), "ami.auth.max.retries: must be >= 0");
    assertFails(Map.of("ami.resync.actions", "CoreShowChannels,Bad Action"), "ami.resync.actions:");
    assertFails(Map.of("ami.pbx.main.tls", "yes"), "ami.pbx.main.tls: must be true or false");
    assertFails(Map.of("ami.reconect.max.delay.ms", "100"), "ami.reconect.max.delay.ms: unknown key");
    assertFails(Map.of("ami.pbx.main.hots", "x"), "ami.pbx.main.hots: unknown per-PBX setting 'hots'");
    assertFails(Map.of("ami.pbx.main.username", "crm\r\nAction: Originate"),
        "ami.pbx.main.username: must be one line without CR/LF");
    assertFails(Map.of("ami.pbx.main.filter.1", "Event: X\nAction: Logoff"),
        "ami.pbx.main.filter.1: must be one line");
  }

  @Test
  void shouldRequireHostUsernameAndExactlyOneSecretSource() {
    Map<String, String> noHost = minimal();
    noHost.remove("ami.pbx.main.host");
    assertThatThrownBy(() -> read(noHost)).hasMessageStartingWith("ami.pbx.main.host: required");
    Map<String, String> both = minimal();
    both.put("ami.pbx.main.secret.file", "/tmp/x");
    assertThatThrownBy(() -> read(both)).hasMessageContaining("set exactly one of");
    Map<String, String> unsetEnv = minimal();
    unsetEnv.put("ami.pbx.main.secret.env", "NOT_SET");
    assertThatThrownBy(() -> read(unsetEnv))
        .hasMessageContaining("the environment variable 'NOT_SET' is not set");
    Map<String, String> missingFile = minimal();
    missingFile.remove("ami.pbx.main.secret.env");
    missingFile.put("ami.pbx.main.secret.file", "/nonexistent/secret");
    assertThatThrownBy(() -> read(missingFile)).hasMessageContaining("ami.pbx.main.secret.file: cannot read");
  }

  @Test
  void shouldRefuseASecretGivenAsAConfigurationValueWithoutEchoingIt() {
    Map<String, String> keys = minimal();
    keys.put("ami.pbx.main.secret", "inline-Secret-99");
    assertThatThrownBy(() -> read(keys))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ami.pbx.main.secret: secrets are not accepted")
        .hasMessageNotContaining("inline-Secret-99");
  }

  @Test
  void shouldRejectBadPbxIdsAndDuplicates() {
    assertThatThrownBy(() -> PbxConfig.of("bad id", "h", 5038, "u", Secret.of("s")))
        .hasMessageContaining("the pbxId must be 1-64 letters");
    PbxConfig one = PbxConfig.of("a", "h", 5038, "u", Secret.of("s"));
    assertThatThrownBy(() -> read(minimal()).withPbxs(List.of(one, one)))
        .hasMessage("ami.pbx.a: configured twice");
  }

  @Test
  void shouldReadCommandAndOriginateSettingsWithFreePbxDefaults() {
    ProducerConfig defaults = read(minimal());
    assertThat(defaults.commands().enabled()).isFalse();
    assertThat(defaults.commands().pbxWait()).isEqualTo(java.time.Duration.ofSeconds(60));
    OriginateConfig o = defaults.pbxs().get(0).originate();
    assertThat(o.context()).isEqualTo("from-internal");
    assertThat(o.channelTemplate()).isEqualTo("PJSIP/{extension}");
    assertThat(o.extensionPattern().pattern()).isEqualTo("[0-9]{2,6}");
    assertThat(o.callbackDestination()).isEmpty();

    Map<String, String> keys = minimal();
    keys.put("ami.commands.enabled", "true");
    keys.put("ami.commands.group.id", "producer-a");
    keys.put("ami.commands.pbx.wait.ms", "5000");
    keys.put("ami.pbx.main.originate.channel.template", "Local/{extension}@from-internal");
    keys.put("ami.pbx.main.originate.extension.pattern", "[1-9][0-9]{2}");
    keys.put("ami.pbx.main.originate.callback.destination", "400");
    keys.put("ami.pbx.main.originate.timeout.ms", "20000");
    ProducerConfig config = read(keys);
    assertThat(config.commands().enabled()).isTrue();
    assertThat(config.commands().groupId()).contains("producer-a");
    assertThat(config.pbxs().get(0).originate().channelTemplate()).isEqualTo("Local/{extension}@from-internal");
    assertThat(config.pbxs().get(0).originate().callbackDestination()).contains("400");
    assertThat(config.pbxs().get(0).originate().timeout()).isEqualTo(java.time.Duration.ofSeconds(20));
  }

  @Test
  void shouldRefuseOriginateSettingsThatCouldCarryAnythingButOneToken() {
    assertFails(Map.of("ami.pbx.main.originate.context", "from-internal\r\nAction: Command"),
        "ami.pbx.main.originate.context: ");
    assertFails(Map.of("ami.pbx.main.originate.context", "from internal"), "ami.pbx.main.originate.context: ");
    assertFails(Map.of("ami.pbx.main.originate.channel.template", "PJSIP/101"),
        "ami.pbx.main.originate.channel.template: must contain {extension}");
    assertFails(Map.of("ami.pbx.main.originate.channel.template", "PJSIP/{extension},Action: X"),
        "ami.pbx.main.originate.channel.template: ");
    assertFails(Map.of("ami.pbx.main.originate.callback.channel.template", "Local/400@from-internal"),
        "ami.pbx.main.originate.callback.channel.template: must contain {number}");
    assertFails(Map.of("ami.pbx.main.originate.extension.pattern", "[0-9"),
        "ami.pbx.main.originate.extension.pattern: not a valid regular expression");
    assertFails(Map.of("ami.pbx.main.originate.timeout.ms", "10"), "ami.pbx.main.originate.timeout.ms: must be");
    assertFails(Map.of("ami.pbx.main.originate.callback.destination", "400;Action"),
        "ami.pbx.main.originate.callback.destination: must be a dialable destination");
    assertFails(Map.of("ami.pbx.main.originate.caller.id", "CRM: call"), "ami.pbx.main.originate.caller.id: ");
    assertFails(Map.of("ami.commands.enabled", "yes"), "ami.commands.enabled: must be true or false");
    assertFails(Map.of("ami.commands.pbx.wait.ms", "0"), "ami.commands.pbx.wait.ms: must be a positive");
    assertFails(Map.of("ami.commands.group.id", "a b"), "ami.commands.group.id: only letters");
  }

  @Test
  void shouldDocumentEveryKeyItReads() {
    for (ConfigKey key : ConfigKeys.GLOBAL) {
      assertThat(key.name()).matches("ami(\\.[a-z]+)+");
      assertThat(key.doc()).isNotBlank();
      assertThat(key.defaultValue()).as(key.name()).isNotNull();
    }
    for (ConfigKey key : ConfigKeys.PER_PBX) {
      assertThat(key.doc()).isNotBlank();
    }
  }

  private static void assertFails(Map<String, String> override, String message) {
    Map<String, String> keys = minimal();
    keys.putAll(override);
    assertThatThrownBy(() -> read(keys)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
  }
}
