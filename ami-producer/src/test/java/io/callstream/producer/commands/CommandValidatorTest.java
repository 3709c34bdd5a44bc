package io.callstream.producer.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.producer.ami.AmiActionBytes;
import io.callstream.producer.config.OriginateConfig;
import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.PbxCommandKind;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandValidatorTest {

  static PbxCommand command(PbxCommandKind kind, String extension, String number, String crmCallId) {
    return PbxCommand.newBuilder().setCommandId("bitrix:p1:click:" + number.hashCode())
        .setPbxId("pbx1").setPortalId("p1").setKind(kind).setExtension(extension)
        .setNumber(number).setCrmCallId(crmCallId).setCrmEntityType(null).setCrmEntityId(null)
        .setDetails(Map.of()).setRequestedAt(Instant.parse("2026-11-24T04:00:00Z")).build();
  }

  @Test
  void shouldPlanAClickToCallAsAgentFirstThenTheNumberThroughTheContext() {
    CommandValidator.Result r = CommandValidator.validate(
        command(PbxCommandKind.CLICK_TO_CALL, "101", "+79161234567", "externalCall.ab_1-2"),
        OriginateConfig.defaults());

    assertThat(r.valid()).isTrue();
    assertThat(r.plan()).isEqualTo(new OriginatePlan("PJSIP/101", "from-internal", "+79161234567",
        "+79161234567", java.time.Duration.ofSeconds(30), "externalCall.ab_1-2"));
  }

  @Test
  void shouldPlanACallbackAsCustomerFirstThenTheDestination() {
    OriginateConfig config = new OriginateConfig("from-internal", "PJSIP/{extension}", "",
        java.util.regex.Pattern.compile("[0-9]{2,6}"), java.time.Duration.ofSeconds(20),
        "Local/{number}@from-internal", "from-internal", java.util.Optional.of("400"));

    CommandValidator.Result named = CommandValidator.validate(
        command(PbxCommandKind.CALLBACK, "401", "79161234567", "cb.1"), config);
    CommandValidator.Result byDefault = CommandValidator.validate(
        command(PbxCommandKind.CALLBACK, null, "79161234567", "cb.1"), config);

    assertThat(named.plan().channel()).isEqualTo("Local/79161234567@from-internal");
    assertThat(named.plan().exten()).isEqualTo("401");
    assertThat(byDefault.plan().exten()).isEqualTo("400");
    assertThat(CommandValidator.validate(command(PbxCommandKind.CALLBACK, null, "79161234567", "cb.1"),
        OriginateConfig.defaults()).reason()).contains("originate.callback.destination");
  }

  @Test
  void shouldBuildAnAsynchronousOriginateWithTheInheritedCrmCallIdAndDeterministicIds() {
    PbxCommand c = command(PbxCommandKind.CLICK_TO_CALL, "101", "79161234567", "externalCall.9");
    OriginatePlan plan = CommandValidator.validate(c, OriginateConfig.defaults()).plan();
    CommandIds ids = CommandIds.of(c);

    String wire = new String(AmiActionBytes.of(plan.toAction(ids), ids.actionId()),
        java.nio.charset.StandardCharsets.UTF_8);

    assertThat(wire).isEqualTo("Action: Originate\r\nActionID: " + ids.actionId() + "\r\n"
        + "Channel: PJSIP/101\r\nContext: from-internal\r\nExten: 79161234567\r\nPriority: 1\r\n"
        + "Timeout: 30000\r\nAsync: true\r\nChannelId: " + ids.channelId() + "\r\n"
        + "OtherChannelId: " + ids.otherChannelId() + "\r\nCallerID: 79161234567\r\n"
        + "Variable: __CALLSTREAM_CRM_CALL_ID=externalCall.9\r\n\r\n");
    assertThat(CommandIds.of(c)).isEqualTo(ids);
    assertThat(ids.channelId()).matches("1795492800\\.[0-9]{10}");
    assertThat(CommandIds.of(command(PbxCommandKind.CLICK_TO_CALL, "101", "79161234568", "x")))
        .isNotEqualTo(ids);
  }
}
