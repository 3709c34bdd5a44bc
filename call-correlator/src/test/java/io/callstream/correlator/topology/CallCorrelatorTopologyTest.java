package io.callstream.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.Ami;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.replay.OfflineReplay;
import io.callstream.correlator.replay.ReplayResult;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallEventType;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.ami.AmiEvents;
import io.callstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallCorrelatorTopologyTest extends CorrelatorTopologyTestBase {

  private static final Topics TOPICS = CorrelatorTestDriver.TOPICS;

  private void pipe(List<AmiEvent> events) {
    for (AmiEvent e : events) {
      input.pipeInput(e.getPbxId(), e, Ami.time(e));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"queue_ringall_answered", "attended_transfer_refer", "concurrent_mix",
      "followme", "blind_transfer"})
  void producesExactlyWhatTheOfflineReplayProduces(String scenario) {
    start(CorrelatorConfig.defaults());
    List<AmiEvent> events = Ami.session(scenario, "c1");
    pipe(events);
    ReplayResult expected = new OfflineReplay(CorrelatorConfig.defaults())
        .replayEvents(Ami.PBX, events);

    var records = lifecycle.readKeyValuesToList();
    assertThat(records).extracting(kv -> kv.value).containsExactlyElementsOf(expected.lifecycle());
    assertThat(records).allSatisfy(kv -> assertThat(kv.key).isEqualTo(kv.value.getCallId()));
    var summaryRecords = summaries.readKeyValuesToList();
    assertThat(summaryRecords).extracting(kv -> kv.value)
        .containsExactlyElementsOf(expected.summaries());
    assertThat(summaryRecords).allSatisfy(kv -> assertThat(kv.key)
        .isEqualTo(kv.value.getCallId()));
  }

  @Test
  void numbersEachCallsStepsFromZeroWithoutGaps() {
    start(CorrelatorConfig.defaults());
    pipe(Ami.session("concurrent_mix", "c1"));
    Map<String, Integer> next = new HashMap<>();
    for (CallEvent e : lifecycle.readValuesToList()) {
      assertThat(e.getSequence()).as(e.getCallId()).isEqualTo(next.getOrDefault(e.getCallId(), 0));
      next.put(e.getCallId(), e.getSequence() + 1);
    }
    assertThat(next).hasSize(3);
  }

  @Test
  void removesTheStateOfEndedCalls() {
    start(CorrelatorConfig.defaults());
    pipe(Ami.session("queue_ringall_answered", "c1"));
    KeyValueStore<String, byte[]> store = correlator.driver.getKeyValueStore(
        CallCorrelatorTopology.STATE_STORE);
    CorrelatorFootprint footprint = CorrelatorFootprint.of(store);
    assertThat(footprint.calls()).isZero();
    assertThat(footprint.channels()).isZero();
    assertThat(footprint.bridges()).isZero();
    assertThat(footprint.entries()).as("only the PBX's connection and stream time").isEqualTo(1);
  }

  @Test
  void dropsDialplanNoiseBeforeTheStateStore() {
    start(CorrelatorConfig.defaults());
    List<AmiEvent> noise = Ami.session("inbound_answered", "c1").stream()
        .filter(e -> "Newexten".equals(e.getEventName()) || ("VarSet".equals(e.getEventName())
            && "MACRO_DEPTH|DIALSTATUS|RINGTIME".contains(
                String.valueOf(AmiEvents.header(e, "Variable")))))
        .toList();
    assertThat(noise).isNotEmpty();
    pipe(noise);
    KeyValueStore<String, byte[]> store = correlator.driver.getKeyValueStore(
        CallCorrelatorTopology.STATE_STORE);
    assertThat(CorrelatorFootprint.of(store).entries()).isZero();
    assertThat(lifecycle.isEmpty()).isTrue();
  }

  @Test
  void skipsARecordItCannotApplyAndGoesOn() {
    start(CorrelatorConfig.defaults());
    input.pipeInput(Ami.PBX, null, Instant.EPOCH);
    TestInputTopic<String, byte[]> raw = correlator.driver.createInputTopic(TOPICS.amiEvents().name(),
        new StringSerializer(), new ByteArraySerializer());
    raw.pipeInput(Ami.PBX, "not avro".getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    pipe(Ami.session("inbound_answered", "c1"));
    assertThat(summaries.readValuesToList()).singleElement()
        .satisfies(s -> assertThat(s.getDisposition()).isEqualTo(Disposition.ANSWERED));
  }

  @Test
  void closesCallsOfASilentPbxByStreamTimeTimeout() {
    CorrelatorConfig config = CorrelatorConfig.fromMap(Map.of(
        CorrelatorConfig.CALL_TIMEOUT_MS, "60000", CorrelatorConfig.SWEEP_INTERVAL_MS, "10000"));
    start(config);
    List<AmiEvent> events = Ami.session("inbound_answered", "c1");
    int answered = Ami.indexOf(events, "BridgeEnter", "Channel", "PJSIP/trunk-00000000");
    pipe(events.subList(0, answered + 1));
    assertThat(summaries.isEmpty()).isTrue();
    // Another PBX's noise advances stream time; nothing arrives for pbx1 any more.
    AmiEvent later = Ami.event("Newexten", 0, "Channel", "x");
    input.pipeInput("other-pbx", later, Ami.time(events.get(answered)).plusSeconds(120));
    assertThat(summaries.readValuesToList()).singleElement().satisfies(s -> {
      assertThat(s.getDisposition()).isEqualTo(Disposition.UNKNOWN);
      assertThat(s.getDispositionReason()).contains("no hangup");
      assertThat(s.getAnsweredBy()).isEqualTo("101");
    });
    assertThat(lifecycle.readValuesToList()).last()
        .satisfies(e -> assertThat(e.getType()).isEqualTo(CallEventType.ENDED));
  }

  @Test
  void adoptsACallFromTheResyncSnapshot() {
    start(CorrelatorConfig.defaults());
    pipe(List.of(Ami.marker(AmiFrameKind.CONNECTED, "c1", 100),
        Ami.marker(AmiFrameKind.RESYNC_BEGIN, "c1", 100),
        Ami.event("CoreShowChannel", 100, Ami.channel("PJSIP/trunk-00000009", "9.1", "9.1",
            "from-trunk", "74951234567", "79160000000", "BridgeId", "b1")),
        Ami.event("CoreShowChannel", 100, Ami.channel("PJSIP/101-0000000a", "9.2", "9.1",
            "from-internal", "101", "101", "BridgeId", "b1")),
        Ami.marker(AmiFrameKind.RESYNC_END, "c1", 100),
        Ami.event("Hangup", 130, Ami.channel("PJSIP/trunk-00000009", "9.1", "9.1",
            "from-trunk", "74951234567", "79160000000", "Cause", "16"))));
    CallSummary s = summaries.readValuesToList().get(0);
    assertThat(s.getJoinedLate()).isTrue();
    assertThat(s.getAnsweredBy()).isEqualTo("101");
    assertThat(s.getDisposition()).isEqualTo(Disposition.ANSWERED);
    assertThat(s.getTotalMillis()).isEqualTo(30_000L);
  }
}
