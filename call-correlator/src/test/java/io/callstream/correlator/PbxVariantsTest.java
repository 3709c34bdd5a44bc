package io.callstream.correlator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.correlator.replay.OfflineReplay;
import io.callstream.correlator.replay.ReplayResult;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.TimeSource;
import io.callstream.schemas.ami.RecordedCalls;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model is built for the mechanism, not for the recorded PBX: every capture, rewritten as
 * other realistic installations would send it ({@link PbxVariant#all()}: chan_sip, FreePBX 13-16
 * macros, other extension numbers, trunk names and number formats, no Timestamps), gives every
 * call of its truth file (rewritten the same way) — once with the configuration the integrator
 * of that PBX would write, once with none at all (detection).
 */
class PbxVariantsTest {

  static Stream<Arguments> variantsConfiguredOrDetectedTimesCaptures() {
    return PbxVariant.all().stream().flatMap(v -> Stream.of("configured", "detected")
        .flatMap(how -> RecordedCalls.SCENARIOS.stream().map(s -> Arguments.of(v, how, s))));
  }

  @ParameterizedTest(name = "{0}, {1}: {2}")
  @MethodSource("variantsConfiguredOrDetectedTimesCaptures")
  void everyCallMatchesItsTruthOnAnotherPbx(PbxVariant variant, String how, String scenario) {
    boolean configured = how.equals("configured");
    Assumptions.assumeTrue(configured || variant.detectable(),
        () -> "detection cannot be expected to work on " + variant + ": " + variant.detection());
    JsonNode truth = variant.truth(scenario);

    ReplayResult result = new OfflineReplay(variant.config(configured))
        .replayEvents(Ami.PBX, variant.session(scenario));

    assertThat(result.summaries()).as("one summary per call").hasSize(truth.get("calls").size());
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode call : truth.get("calls")) {
      String callId = Ami.PBX + "/" + call.get("external_uniqueid").asText();
      CallSummary s = result.summaries().stream().filter(x -> x.getCallId().equals(callId))
          .findFirst().orElse(null);
      soft.assertThat(s).as("summary of %s", callId).isNotNull();
      if (s != null) {
        RecordedCallsTruthTest.check(soft, variant + "/" + scenario + "/" + callId, call, s,
            variant.timestamps());
        soft.assertThat(s.getTimeSource()).as(callId + " clock")
            .isEqualTo(variant.timestamps() ? TimeSource.PBX : TimeSource.RECEIVED);
      }
    }
    soft.assertThat(result.lifecycle()).extracting(CallEvent::getTimeSource).as("lifecycle clock")
        .containsOnly(variant.timestamps() ? TimeSource.PBX : TimeSource.RECEIVED);
    soft.assertAll();
  }
}
