package io.callstream.correlator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.replay.OfflineReplay;
import io.callstream.correlator.replay.ReplayInput;
import io.callstream.correlator.replay.ReplayResult;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Transfer;
import io.callstream.schemas.ami.RecordedCalls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded capture and checks every call against its ground truth: direction,
 * numbers, line, who rang, who answered, transfers, final extension, disposition, times within
 * 1 s, durations within 1 s, recording.
 */
class RecordedCallsTruthTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static Stream<String> scenarios() {
    return RecordedCalls.SCENARIOS.stream();
  }

  static ReplayResult replay(String scenario) {
    return new OfflineReplay(CorrelatorConfig.defaults()).replay("pbx1", List.of(
        new ReplayInput(scenario + ".ami", RecordedCalls.capture(scenario), Instant.EPOCH)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void everyCallMatchesItsTruth(String scenario) throws Exception {
    JsonNode truth = JSON.readTree(RecordedCalls.truth(scenario));
    ReplayResult result = replay(scenario);
    List<JsonNode> calls = new ArrayList<>();
    truth.get("calls").forEach(calls::add);
    assertThat(result.summaries()).as("one summary per call").hasSize(calls.size());
    SoftAssertions soft = new SoftAssertions();
    for (JsonNode call : calls) {
      String uid = call.get("external_channel").isNull()
          ? originUniqueid(call) : call.get("external_uniqueid").asText();
      CallSummary s = result.summaries().stream()
          .filter(x -> x.getCallId().equals("pbx1/" + uid)).findFirst().orElse(null);
      soft.assertThat(s).as("summary for %s", uid).isNotNull();
      if (s != null) {
        check(soft, scenario + "/" + uid, call, s);
      }
    }
    soft.assertAll();
  }

  private static String originUniqueid(JsonNode call) {
    return call.get("external_uniqueid").asText();
  }

  static void check(SoftAssertions soft, String id, JsonNode t, CallSummary s) {
    check(soft, id, t, s, true);
  }

  /**
   * {@code pbxTimes}: the summary is timed by the PBX clock the truth was read from; without it
   * only durations are compared (receive times are late by some lag, durations are not).
   */
  static void check(SoftAssertions soft, String id, JsonNode t, CallSummary s,
      boolean pbxTimes) {
    String direction = t.get("direction").asText().toUpperCase(Locale.ROOT);
    soft.assertThat(s.getDirection().name()).as(id + " direction").isEqualTo(direction);
    soft.assertThat(s.getExternalNumber()).as(id + " externalNumber")
        .isEqualTo(text(t, "external_number"));
    soft.assertThat(s.getLine()).as(id + " line").isEqualTo(text(t, "did"));
    List<String> rang = new ArrayList<>();
    t.get("rang_order").forEach(r -> {
      String first = r.asText().split(" ")[0];
      if (!first.equals("external") && !rang.contains(first)) {
        rang.add(first);
      }
    });
    soft.assertThat(s.getRang()).as(id + " rang").containsExactlyElementsOf(rang);
    JsonNode answered = t.get("answered_by");
    String expectedAnsweredBy = answered.isNull() ? null
        : answered.has("extension") ? answered.get("extension").asText()
        : text(t, "from_extension");
    soft.assertThat(s.getAnsweredBy()).as(id + " answeredBy").isEqualTo(expectedAnsweredBy);
    if (direction.equals("OUTBOUND") || direction.equals("INTERNAL")) {
      soft.assertThat(s.getExtension()).as(id + " extension")
          .isEqualTo(direction.equals("OUTBOUND") ? text(t, "from_extension")
              : t.get("origin_channel").asText().replaceAll("^[^/]*/|-[^-]*$", ""));
    } else {
      soft.assertThat(s.getExtension()).as(id + " extension").isEqualTo(expectedAnsweredBy);
    }
    String finalExt = text(t, "final_talking_extension");
    if (finalExt != null && finalExt.contains("follow-me of ")) {
      finalExt = finalExt.replaceAll(".*follow-me of (\\w+).*", "$1");
    }
    soft.assertThat(s.getFinalExtension()).as(id + " finalExtension").isEqualTo(finalExt);
    List<String> transfers = new ArrayList<>();
    t.get("transfers").forEach(x -> transfers.add(x.get("from").asText() + ">"
        + x.get("to").asText() + ":" + x.get("kind").asText().toUpperCase(Locale.ROOT)));
    List<String> actual = new ArrayList<>();
    for (Transfer x : s.getTransfers()) {
      actual.add(x.getFrom() + ">" + x.getTo() + ":" + x.getKind());
    }
    soft.assertThat(actual).as(id + " transfers").containsExactlyElementsOf(transfers);
    for (int i = 0; pbxTimes
        && i < Math.min(s.getTransfers().size(), t.get("transfers").size()); i++) {
      assertClose(soft, id + " transfer at", s.getTransfers().get(i).getAt(),
          t.get("transfers").get(i).get("pbx_timestamp"));
    }
    String disposition = t.get("disposition").asText().replace(' ', '_');
    soft.assertThat(s.getDisposition().name()).as(id + " disposition").isEqualTo(disposition);
    if (pbxTimes) {
      JsonNode ts = t.get("timestamps");
      assertClose(soft, id + " startedAt", s.getStartedAt(), ts.get("call_start"));
      assertClose(soft, id + " answeredAt", s.getAnsweredAt(), ts.get("answer"));
      assertClose(soft, id + " endedAt", s.getEndedAt(), ts.get("end"));
    }
    soft.assertThat(s.getTalkMillis() / 1000.0).as(id + " talk")
        .isCloseTo(t.get("talk_duration_s").asDouble(), org.assertj.core.data.Offset.offset(1.0));
    soft.assertThat(s.getTotalMillis() / 1000.0).as(id + " total")
        .isCloseTo(t.get("total_duration_s").asDouble(), org.assertj.core.data.Offset.offset(1.0));
    JsonNode rec = t.get("recording_file");
    soft.assertThat(s.getRecordingFile()).as(id + " recording")
        .isEqualTo(rec.isNull() ? null : rec.get("MIXMONITOR_FILENAME").asText());
    List<String> linkedids = new ArrayList<>();
    t.get("linkedids").forEach(l -> linkedids.add(l.asText()));
    soft.assertThat(s.getLinkedids()).as(id + " linkedids").containsExactlyInAnyOrderElementsOf(
        linkedids);
  }

  private static void assertClose(SoftAssertions soft, String what, Instant actual,
      JsonNode expected) {
    if (expected == null || expected.isNull()) {
      soft.assertThat(actual).as(what).isNull();
      return;
    }
    long expectedMillis = Math.round(expected.get("epoch").asDouble() * 1000);
    soft.assertThat(actual).as(what).isNotNull();
    if (actual != null) {
      soft.assertThat(Math.abs(actual.toEpochMilli() - expectedMillis)).as(what + " (ms off)")
          .isLessThanOrEqualTo(1000L);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
