package io.callstream.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.Ami;
import io.callstream.correlator.ClockSkew;
import io.callstream.correlator.Interleaving;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.machine.CallStateMachine;
import io.callstream.correlator.machine.Emitted;
import io.callstream.correlator.machine.Transition;
import io.callstream.correlator.machine.draft.PbxDraft;
import io.callstream.correlator.state.PbxState;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.Disposition;
import io.callstream.schemas.ami.RecordedCalls;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The topology's working draft is only a cache of the per-entry store: applying events in place
 * and reloading the draft from the store at random points (as after a restart or an aborted
 * transaction) gives exactly what the pure {@code apply(state, event)} gives, step by step and in
 * the same order, and leaves only the PBX entry behind when every call has ended.
 */
class PbxEntryStoreReloadTest {

  private static final CorrelatorConfig CONFIG = CorrelatorConfig.defaults();

  static LongStream seeds() {
    return LongStream.range(1, 21);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void reloadingFromTheStoreChangesNothing(long seed) {
    Random random = new Random(seed);
    List<String> pool = new ArrayList<>(RecordedCalls.SCENARIOS);
    Collections.shuffle(pool, random);
    List<List<AmiEvent>> sessions = new ArrayList<>();
    for (int i = 0; i < 2 + random.nextInt(3); i++) {
      sessions.add(Interleaving.rewrite(Ami.session(pool.get(i), "c1"), "p" + i));
    }
    List<AmiEvent> events = new ArrayList<>();
    events.add(Ami.marker(AmiFrameKind.CONNECTED, "c1", 0));
    events.addAll(Interleaving.merge(sessions, random));

    CallStateMachine machine = new CallStateMachine(CONFIG);
    PbxEntryStore store = new PbxEntryStore(memoryStore());
    PbxState pure = PbxState.empty(Ami.PBX);
    PbxDraft draft = store.load(Ami.PBX);
    for (AmiEvent event : events) {
      Transition expected = machine.apply(pure, event);
      pure = expected.state();
      Emitted actual = machine.applyInPlace(draft, event);
      store.save(draft);
      assertThat(actual.lifecycle()).isEqualTo(expected.lifecycle());
      assertThat(actual.summaries()).isEqualTo(expected.summaries());
      if (random.nextInt(4) == 0) {
        store.reset();
        draft = store.load(Ami.PBX);
        assertSameInOrder(draft.freeze(), pure);
      }
    }
    assertSameInOrder(store.load(Ami.PBX).freeze(), pure);
  }

  /**
   * A PBX entry written before clock offsets were kept has no offset: it reads as "unknown".
   * This one is the old bug's state: the PBX's clock is 5 h behind and a CONNECTED marker pushed
   * its stream time 5 h ahead of its calls. The first event with a Timestamp pulls it back onto
   * the PBX's clock, so the answered call goes on and ends normally.
   */
  @Test
  void readsAPbxEntryWrittenBeforeClockOffsetsWereKept() {
    List<AmiEvent> events = ClockSkew.session("inbound_answered", Ami.PBX, "c1",
        ClockSkew.FIVE_HOURS);
    int answered = Ami.indexOf(events, "BridgeEnter", "Channel", "PJSIP/trunk-00000000");
    CallStateMachine machine = new CallStateMachine(CONFIG);
    KeyValueStore<String, byte[]> kv = memoryStore();
    PbxEntryStore store = new PbxEntryStore(kv);
    PbxDraft draft = store.load(Ami.PBX);
    for (AmiEvent event : events.subList(0, answered + 1)) {
      machine.applyInPlace(draft, event);
      store.save(draft);
    }
    long wallClock = events.get(answered).getReceivedAt().toEpochMilli();
    String legacy = "{\"connectionId\":\"c1\",\"resyncing\":false,\"resyncSeen\":[],"
        + "\"streamTime\":" + wallClock + ",\"nextSweepAt\":" + (wallClock + 60_000)
        + ",\"nextOrdinal\":" + draft.nextOrdinal() + "}";
    kv.put(StateKeys.meta(Ami.PBX), ByteBuffer.allocate(Long.BYTES
        + legacy.length()).putLong(0L).put(legacy.getBytes(StandardCharsets.UTF_8)).array());

    store.reset();
    PbxDraft reloaded = store.load(Ami.PBX);
    assertThat(reloaded.clockOffset).as("offset unknown").isNull();
    assertThat(reloaded.receiveClock).as("times may be on either clock").isFalse();
    assertThat(reloaded.streamTime).isEqualTo(wallClock);
    assertThat(reloaded.calls.peekValues()).hasSize(1);

    List<CallSummary> ended = new ArrayList<>();
    for (AmiEvent event : events.subList(answered + 1, events.size())) {
      ended.addAll(machine.applyInPlace(reloaded, event).summaries());
      store.save(reloaded);
      if (event.getPbxTime() != null) {
        assertThat(reloaded.streamTime).isEqualTo(event.getPbxTime().toEpochMilli());
      }
    }
    assertThat(reloaded.clockOffset).isEqualTo(ClockSkew.FIVE_HOURS.toMillis());
    assertThat(ended).singleElement()
        .satisfies(s -> assertThat(s.getDisposition()).isEqualTo(Disposition.ANSWERED));
  }

  /** Map equality ignores order, and iteration order decides outputs. */
  private static void assertSameInOrder(PbxState actual, PbxState expected) {
    assertThat(actual).isEqualTo(expected);
    assertThat(List.copyOf(actual.channels().keySet()))
        .isEqualTo(List.copyOf(expected.channels().keySet()));
    assertThat(List.copyOf(actual.bridges().keySet()))
        .isEqualTo(List.copyOf(expected.bridges().keySet()));
    assertThat(List.copyOf(actual.calls().keySet()))
        .isEqualTo(List.copyOf(expected.calls().keySet()));
  }

  private static KeyValueStore<String, byte[]> memoryStore() {
    KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore("state"), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    return store;
  }
}
