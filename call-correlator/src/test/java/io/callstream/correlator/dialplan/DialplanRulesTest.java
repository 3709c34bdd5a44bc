package io.callstream.correlator.dialplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DialplanRulesTest {

  private final DialplanRules detect = DialplanRules.detect();

  @Test
  void detectsExtensionsByShortNumericEndpointsAndTrunksOtherwise() {
    assertThat(detect.classify("PJSIP/101-0000002e", "from-internal"))
        .isEqualTo(PartyKind.EXTENSION);
    assertThat(detect.extensionOf("PJSIP/101-0000002e")).isEqualTo("101");
    assertThat(detect.classify("PJSIP/trunk-0000001a", "from-trunk")).isEqualTo(PartyKind.TRUNK);
    assertThat(detect.classify("SIP/beeline-00000001", "default")).isEqualTo(PartyKind.TRUNK);
    assertThat(detect.classify("PJSIP/79161234567-00000001", "from-internal"))
        .as("a number longer than an extension is a trunk endpoint").isEqualTo(PartyKind.TRUNK);
    assertThat(detect.classify("Local/101@from-queue-00000000;1", "from-queue"))
        .isEqualTo(PartyKind.LOCAL);
  }

  @Test
  void aChannelCreatedInATrunkContextIsATrunkWhateverItsName() {
    assertThat(detect.classify("PJSIP/5551-00000001", "from-pstn")).isEqualTo(PartyKind.TRUNK);
    assertThat(DialplanRules.of(DialplanPreset.ASTERISK).classify("PJSIP/5551-00000001",
        "from-pstn")).as("plain Asterisk knows no contexts").isEqualTo(PartyKind.EXTENSION);
  }

  @Test
  void configuredPatternsAreAuthoritativeAndCaptureTheExtension() {
    DialplanRules rules = new DialplanRules(DialplanPreset.AUTO,
        DialplanRules.compile(List.of("SIP/carrier-.*")),
        DialplanRules.compile(List.of("SIP/ext(\\d+)-.*")), 6);
    assertThat(rules.classify("SIP/ext2001-0000000a", "from-internal"))
        .isEqualTo(PartyKind.EXTENSION);
    assertThat(rules.extensionOf("SIP/ext2001-0000000a")).isEqualTo("2001");
    assertThat(rules.classify("SIP/carrier-0000000b", "whatever")).isEqualTo(PartyKind.TRUNK);
    assertThat(rules.classify("SIP/101-0000000c", "from-trunk")).isEqualTo(PartyKind.OTHER);
  }

  @Test
  void presetsKnowTheirDialContexts() {
    DialplanRules v16 = DialplanRules.of(DialplanPreset.FREEPBX16);
    DialplanRules v17 = DialplanRules.of(DialplanPreset.FREEPBX17);
    assertThat(v16.isOutboundDialContext("macro-dialout-trunk")).isTrue();
    assertThat(v16.isExtensionDialContext("macro-dial-one")).isTrue();
    assertThat(v16.isExtensionDialContext("dialOne-with-exten")).isFalse();
    assertThat(v17.isOutboundDialContext("trunk-dial-with-exten")).isTrue();
    assertThat(v17.isExtensionDialContext("dialOne-with-exten")).isTrue();
    assertThat(v17.isInboundContext("from-pstn-toheader")).isTrue();
  }

  @Test
  void readsChannelNamesAndDialStrings() {
    assertThat(ChannelNames.localPairKey("Local/101@from-queue-00000000;2"))
        .isEqualTo("Local/101@from-queue-00000000");
    assertThat(ChannelNames.localPairKey("PJSIP/101-00000001")).isNull();
    assertThat(ChannelNames.localExten("Local/102@from-internal-xfer-00000006;1"))
        .isEqualTo("102");
    assertThat(ChannelNames.dialledNumber("79991234567@trunk")).isEqualTo("79991234567");
    assertThat(ChannelNames.dialledNumber("PJSIP/79991234567@trunk")).isEqualTo("79991234567");
    assertThat(ChannelNames.dialledNumber("simphones/101")).isEqualTo("101");
    assertThat(ChannelNames.dialledNumber("101")).isEqualTo("101");
  }
}
