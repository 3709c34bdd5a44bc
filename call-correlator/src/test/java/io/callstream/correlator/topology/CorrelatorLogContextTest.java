package io.callstream.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callstream.correlator.Ami;
import io.callstream.correlator.LogCapture;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.schemas.AmiEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The correlator's log lines carry their PBX and call in the MDC, and leave none behind. */
class CorrelatorLogContextTest extends CorrelatorTopologyTestBase {

  private void pipe(List<AmiEvent> events) {
    for (AmiEvent e : events) {
      input.pipeInput(e.getPbxId(), e, Ami.time(e));
    }
  }

  @Test
  void shouldNameThePbxOfARecordItCannotApplyAndLeaveNoContextBehind() {
    start(CorrelatorConfig.defaults());
    try (LogCapture logs = new LogCapture()) {
      input.pipeInput(Ami.PBX, null, Instant.EPOCH);
      pipe(Ami.session("inbound_answered", "c1"));

      assertThat(logs.at(Level.ERROR, CorrelatorProcessor.class)).singleElement()
          .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsOnly(entry("pbxId", Ami.PBX)));
      assertThat(summaries.readValuesToList()).hasSize(1);
      assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
  }

  @Test
  void shouldNameTheCallARecordWasAboutWhenTheStoredCallCannotTakeIt() throws IOException {
    start(CorrelatorConfig.defaults());
    List<AmiEvent> events = Ami.session("inbound_answered", "c1");
    int next = 0;
    while (lifecycle.isEmpty()) {
      pipe(events.subList(next, ++next));
    }
    String callId = lifecycle.readValuesToList().get(0).getCallId();
    dropStoredDirectionOfTheCall();

    try (LogCapture logs = new LogCapture()) {
      // A record without a value is skipped too, and makes the processor reload from the store.
      input.pipeInput(Ami.PBX, null, Instant.EPOCH);
      pipe(events.subList(next, events.size()));

      List<ILoggingEvent> errors = logs.at(Level.ERROR, CorrelatorProcessor.class);
      assertThat(errors.get(0).getMDCPropertyMap()).containsOnly(entry("pbxId", Ami.PBX));
      assertThat(errors.subList(1, errors.size())).isNotEmpty().allSatisfy(e ->
          assertThat(e.getMDCPropertyMap())
              .containsOnly(entry("pbxId", Ami.PBX), entry("callId", callId)));
      assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
  }

  /** A call entry as no version writes it: lifecycle records need the call's direction. */
  private void dropStoredDirectionOfTheCall() throws IOException {
    KeyValueStore<String, byte[]> store = correlator.driver.getKeyValueStore(
        CallCorrelatorTopology.STATE_STORE);
    KeyValue<String, byte[]> call;
    try (KeyValueIterator<String, byte[]> it = store.prefixScan(
        StateKeys.entries(Ami.PBX) + StateKeys.CALL + "|", new StringSerializer())) {
      call = it.next();
      assertThat(it.hasNext()).isFalse();
    }
    ByteBuffer bytes = ByteBuffer.wrap(call.value);
    long ordinal = bytes.getLong();
    ObjectMapper json = new ObjectMapper();
    ObjectNode entry = (ObjectNode) json.readTree(call.value, Long.BYTES,
        call.value.length - Long.BYTES);
    entry.putNull("direction");
    byte[] changed = json.writeValueAsBytes(entry);
    store.put(call.key, ByteBuffer.allocate(Long.BYTES + changed.length).putLong(ordinal)
        .put(changed).array());
  }

  @Test
  void shouldWarnWithThePbxAndCallWhenASilentPbxsCallIsClosedAsUnknown() {
    start(CorrelatorConfig.fromMap(Map.of(
        CorrelatorConfig.CALL_TIMEOUT_MS, "60000", CorrelatorConfig.SWEEP_INTERVAL_MS, "10000")));
    List<AmiEvent> events = Ami.session("inbound_answered", "c1");
    int answered = Ami.indexOf(events, "BridgeEnter", "Channel", "PJSIP/trunk-00000000");
    pipe(events.subList(0, answered + 1));
    String callId = lifecycle.readValuesToList().get(0).getCallId();

    try (LogCapture logs = new LogCapture()) {
      // Another PBX's record advances stream time; the sweep closes pbx1's call.
      input.pipeInput("other-pbx", Ami.event("Newexten", 0, "Channel", "x"),
          Ami.time(events.get(answered)).plusSeconds(120));

      assertThat(logs.at(Level.WARN, CorrelatorProcessor.class)).singleElement().satisfies(e -> {
        assertThat(e.getFormattedMessage()).contains(callId).contains("no hangup");
        assertThat(e.getMDCPropertyMap())
            .containsOnly(entry("pbxId", Ami.PBX), entry("callId", callId));
      });
      assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
  }
}
