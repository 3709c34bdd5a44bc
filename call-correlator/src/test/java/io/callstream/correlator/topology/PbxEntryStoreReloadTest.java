package io.callstream.correlator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.Ami;
import io.callstream.correlator.Interleaving;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.machine.CallStateMachine;
import io.callstream.correlator.machine.Emitted;
import io.callstream.correlator.machine.Transition;
import io.callstream.correlator.machine.draft.PbxDraft;
import io.callstream.correlator.state.PbxState;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.ami.RecordedCalls;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
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
