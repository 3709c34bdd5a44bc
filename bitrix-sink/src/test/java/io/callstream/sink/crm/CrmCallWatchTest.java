package io.callstream.sink.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.PbxCommandKind;
import io.callstream.sink.config.ConfigException;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.mapping.CrmCallTimeout;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrmCallWatchTest {

  private static SinkConfig config(String timeoutSeconds) {
    Map<String, String> m = CrmFixtures.config();
    if (timeoutSeconds != null) {
      m.put(SinkConfig.CRM_CALL_TIMEOUT_SECONDS, timeoutSeconds);
    }
    return SinkConfig.fromMap(m);
  }

  private static PbxCommand command(PbxCommandKind kind, String crmCallId, Map<String, String> details) {
    return PbxCommand.newBuilder().setCommandId("bitrix:main:x:" + crmCallId).setPbxId("pbx1")
        .setPortalId("main").setKind(kind).setExtension("101").setNumber("+74951234567")
        .setCrmCallId(crmCallId).setDetails(details).setRequestedAt(CrmFixtures.NOW).build();
  }

  private static CrmRequest request(CrmEvent event, Map<String, String> data) {
    return new CrmRequest("main", event, data, CrmFixtures.NOW, "offline:1");
  }

  @Test
  void aPublishedClickOrCallbackIsFinishedByItsUserAfterTheConfiguredTimeoutUnlessClaimed() {
    CrmCallWatch watch = new CrmCallWatch(config("600"), CrmFixtures.CLOCK);
    BitrixCommand click = watch.forCommand(command(PbxCommandKind.CLICK_TO_CALL, "externalCall.c.1",
        Map.of("USER_ID", "12"))).orElseThrow();
    assertThat(click.getKind()).isEqualTo(BitrixCommandKind.FINISH);
    assertThat(CrmCallTimeout.isTimeout(click)).isTrue();
    assertThat(CrmCallTimeout.finishAt(click)).isEqualTo(CrmFixtures.NOW.plusSeconds(600).toEpochMilli());
    assertThat(click.getPortalId()).isEqualTo("main");
    assertThat(click.getExtensions()).isEmpty();
    assertThat(click.getParams()).containsEntry("CALL_ID", "externalCall.c.1")
        .containsEntry("USER_ID", "12").containsEntry("DURATION", "0")
        .containsEntry("STATUS_CODE", "304").containsEntry("ADD_TO_CHAT", "0");
    assertThat(click.getParams().get("FAILED_REASON")).contains("600 s");

    BitrixCommand callback = watch.forCommand(command(PbxCommandKind.CALLBACK, "externalCall.cb.1",
        Map.of("USER_ID", "15", "TEXT", "call me"))).orElseThrow();
    assertThat(callback.getCommandId()).isEqualTo(CrmCallTimeout.commandId("main", "externalCall.cb.1"));
    assertThat(callback.getParams()).containsEntry("USER_ID", "15");

    assertThat(watch.forCommand(command(PbxCommandKind.CLICK_TO_CALL, "externalCall.c.2",
        Map.of()))).as("no user to finish with").isEmpty();
  }

  @Test
  void aRefusedClickIsFinishedAtOnceButOnlyWithATrustworthyCallIdAndUser() {
    CrmCallWatch watch = new CrmCallWatch(config(null), CrmFixtures.CLOCK);
    BitrixCommand now = watch.forRefused(request(CrmEvent.CLICK_TO_CALL,
        Map.of("CALL_ID", "externalCall.r.1", "USER_ID", "12")), "bitrix:main:click:externalCall.r.1",
        "number 'x' is not digits").orElseThrow();
    assertThat(CrmCallTimeout.finishAt(now)).isEqualTo(CrmFixtures.NOW.toEpochMilli());
    assertThat(now.getPbxId()).isEqualTo("pbx1");
    assertThat(now.getParams().get("FAILED_REASON")).isEqualTo("not called: number 'x' is not digits");

    assertThat(watch.forRefused(request(CrmEvent.CLICK_TO_CALL,
        Map.of("CALL_ID", "bad\r\nAction: x", "USER_ID", "12")), "id", "r")).isEmpty();
    assertThat(watch.forRefused(request(CrmEvent.CLICK_TO_CALL,
        Map.of("CALL_ID", "externalCall.r.2", "USER_ID", "x")), "id", "r")).isEmpty();
    assertThat(watch.forRefused(request(CrmEvent.CALLBACK, Map.of("PHONE_NUMBER", "1")), "id", "r"))
        .as("a refused callback was never registered").isEmpty();
  }

  @Test
  void theTimeoutIsTypedAndBounded() {
    assertThat(config(null).crmCallTimeout()).hasMinutes(30);
    assertThatThrownBy(() -> config("0")).isInstanceOf(ConfigException.class)
        .hasMessageContaining(SinkConfig.CRM_CALL_TIMEOUT_SECONDS);
    assertThatThrownBy(() -> config("86401")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("at most 86400");
    assertThatThrownBy(() -> config("soon")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a whole number");
  }
}
