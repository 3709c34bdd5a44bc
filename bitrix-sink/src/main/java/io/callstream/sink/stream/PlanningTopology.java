package io.callstream.sink.stream;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.mapping.CallPlanner;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code pbx.calls.lifecycle} (key callId) → {@code crm.bitrix.commands} (key portalId) and
 * {@code crm.bitrix.dead-letter}. Every node and the state store are named explicitly.
 */
public final class PlanningTopology {

  public static final String SOURCE = "bitrix-sink-lifecycle-source";
  public static final String PROCESSOR = "bitrix-sink-planner";
  public static final String STATE_STORE = "bitrix-sink-plan-state";
  public static final String COMMANDS_SINK = "bitrix-sink-commands";
  public static final String DEAD_LETTER_SINK = "bitrix-sink-dead-letter";

  private PlanningTopology() {
  }

  @SuppressWarnings("unchecked")
  public static Topology build(Topics topics, SinkConfig config) {
    CallPlanner planner = new CallPlanner(config);
    TopicDescriptor<String, CallEvent> in = topics.callLifecycle();
    TopicDescriptor<String, BitrixCommand> commands = topics.bitrixCommands();
    TopicDescriptor<String, BitrixDeadLetter> dlq = topics.bitrixDeadLetter();
    Topology t = new Topology();
    t.addSource(SOURCE, in.keySerde().deserializer(), in.valueSerde().deserializer(), in.name());
    t.addProcessor(PROCESSOR, () -> new PlanningProcessor(planner, config), SOURCE);
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE),
        Serdes.String(), new PlanStateSerde()), PROCESSOR);
    t.addSink(COMMANDS_SINK, commands.name(), commands.keySerde().serializer(),
        (org.apache.kafka.common.serialization.Serializer<Object>) (Object) commands.valueSerde().serializer(),
        PROCESSOR);
    t.addSink(DEAD_LETTER_SINK, dlq.name(), dlq.keySerde().serializer(),
        (org.apache.kafka.common.serialization.Serializer<Object>) (Object) dlq.valueSerde().serializer(),
        PROCESSOR);
    return t;
  }
}
