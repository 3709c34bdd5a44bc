package io.callstream.sink.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventsConfigTest {

  private static Map<String, String> oauth() {
    Map<String, String> m = new HashMap<>();
    m.put("bitrix.portals", "main");
    m.put("bitrix.portal.main.oauth.rest.endpoint", "https://b24.example.com/rest/");
    m.put("bitrix.portal.main.oauth.client.id", "local.app.1");
    m.put("bitrix.portal.main.oauth.client.secret", "client-secret-1");
    m.put("bitrix.portal.main.oauth.access.token", "access-1");
    m.put("bitrix.portal.main.oauth.refresh.token", "refresh-1");
    m.put("sink.pbx.ids", "pbx1");
    m.put("sink.pbx.pbx1.portal", "main");
    return m;
  }

  private static Map<String, String> webhook() {
    Map<String, String> m = new HashMap<>();
    m.put("bitrix.portals", "main");
    m.put("bitrix.portal.main.webhook.url", "https://b24.example.com/rest/1/abcdef0123456789/");
    m.put("sink.pbx.ids", "pbx1");
    m.put("sink.pbx.pbx1.portal", "main");
    return m;
  }

  @Test
  void oauthPortalsPollOfflineByDefaultAndWebhookPortalsReceiveNothing() {
    SinkConfig c = SinkConfig.fromMap(oauth());
    EventsConfig e = c.portals().get("main").events();
    assertThat(e.mode()).isEqualTo(EventsMode.OFFLINE);
    assertThat(e.commandsPbx()).contains("pbx1");
    assertThat(e.maxAge()).isEqualTo(Duration.ofSeconds(120));
    assertThat(c.receiver().pollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.receiver().handlerPort()).isEqualTo(8091);
    assertThat(c.receiver().handlerPath()).isEqualTo("/bitrix24/events");
    assertThat(SinkConfig.fromMap(webhook()).portals().get("main").events().mode())
        .isEqualTo(EventsMode.OFF);
  }

  @Test
  void aWebhookPortalCannotUseEventsAndTheMessageSaysWhy() {
    Map<String, String> m = webhook();
    m.put("bitrix.portal.main.events.mode", "offline");
    assertThatThrownBy(() -> SinkConfig.fromMap(m)).isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("bitrix.portal.main.events.mode")
        .hasMessageContaining("incoming webhook").hasMessageContaining("WRONG_AUTH_TYPE")
        .hasMessageContaining("events.mode=off");
  }

  @Test
  void handlerModeNeedsTheTokenAndAUrlAndNeverShowsTheToken() {
    Map<String, String> m = oauth();
    m.put("bitrix.portal.main.events.mode", "handler");
    assertThatThrownBy(() -> SinkConfig.fromMap(m))
        .hasMessageStartingWith("bitrix.portal.main.events.application.token");
    m.put("bitrix.portal.main.events.application.token", "secret-app-token-1");
    assertThatThrownBy(() -> SinkConfig.fromMap(m))
        .hasMessageStartingWith("bitrix.portal.main.events.handler.url");
    m.put("bitrix.portal.main.events.handler.url", "ftp://x");
    assertThatThrownBy(() -> SinkConfig.fromMap(m)).hasMessageContaining("http(s) URL");
    m.put("bitrix.portal.main.events.handler.url", "https://pbx.example.com/bitrix24/events");
    m.put("bitrix.events.handler.port", "0");
    SinkConfig c = SinkConfig.fromMap(m);
    assertThat(c.portals().get("main").events().mode()).isEqualTo(EventsMode.HANDLER);
    assertThat(c.receiver().handlerPort()).isZero();
    assertThat(c.portals().get("main").toString()).doesNotContain("secret-app-token-1");
  }

  @Test
  void thePbxForCommandsIsDerivedOnlyWhenUnambiguous() {
    Map<String, String> m = oauth();
    m.put("sink.pbx.ids", "pbx1,pbx2");
    m.put("sink.pbx.pbx2.portal", "main");
    assertThatThrownBy(() -> SinkConfig.fromMap(m))
        .hasMessageStartingWith("bitrix.portal.main.commands.pbx")
        .hasMessageContaining("[pbx1, pbx2]");
    m.put("bitrix.portal.main.commands.pbx", "pbx2");
    assertThat(SinkConfig.fromMap(m).portals().get("main").events().commandsPbx()).contains("pbx2");
    m.put("bitrix.portal.main.commands.pbx", "pbx 2\r\n");
    assertThatThrownBy(() -> SinkConfig.fromMap(m)).hasMessageContaining("is not a PBX id");
  }

  @Test
  void badValuesNameTheKey() {
    Map<String, String> m = oauth();
    m.put("bitrix.portal.main.events.mode", "push");
    assertThatThrownBy(() -> SinkConfig.fromMap(m)).hasMessageContaining("offline")
        .hasMessageStartingWith("bitrix.portal.main.events.mode");
    m.remove("bitrix.portal.main.events.mode");
    m.put("bitrix.portal.main.callback.extension", "101\nAction: Hangup");
    assertThatThrownBy(() -> SinkConfig.fromMap(m))
        .hasMessageStartingWith("bitrix.portal.main.callback.extension");
    m.remove("bitrix.portal.main.callback.extension");
    m.put("bitrix.events.handler.port", "70000");
    assertThatThrownBy(() -> SinkConfig.fromMap(m)).hasMessageStartingWith("bitrix.events.handler.port");
    m.remove("bitrix.events.handler.port");
    m.put("bitrix.events.handler.path", "events");
    assertThatThrownBy(() -> SinkConfig.fromMap(m)).hasMessageStartingWith("bitrix.events.handler.path");
  }

  @Test
  void twoPortalsCannotShareAnApplicationToken() {
    Map<String, String> m = oauth();
    m.put("bitrix.portals", "main,second");
    oauth().forEach((k, v) -> {
      if (k.startsWith("bitrix.portal.main.")) {
        m.put(k.replace(".main.", ".second."), v);
      }
    });
    m.put("bitrix.portal.second.commands.pbx", "pbx1");
    m.put("bitrix.portal.main.events.application.token", "same-token-1");
    m.put("bitrix.portal.second.events.application.token", "same-token-1");
    assertThatThrownBy(() -> SinkConfig.fromMap(m))
        .hasMessageStartingWith("bitrix.portal.second.events.application.token");
  }
}
