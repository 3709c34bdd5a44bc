package io.callstream.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.SampleRecords;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldDeclareEveryTopicOfTheArchitectureOnce() {
    assertThat(Topics.defaults().all()).extracting(TopicDescriptor::name).containsExactly(
        "pbx.ami.events", "pbx.ami.invalid", "pbx.calls.lifecycle", "pbx.calls.summary",
        "crm.bitrix.commands", "crm.bitrix.outcomes", "crm.bitrix.dead-letter", "pbx.commands",
        "pbx.commands.executions", "pbx.commands.dead-letter");
  }

  @Test
  void shouldPutThePrefixBeforeEveryName() {
    Topics topics = new Topics("acme.", ValueSerdeFactory.defaults());

    assertThat(topics.all()).allSatisfy(t -> assertThat(t.name()).startsWith("acme."));
    assertThat(topics.callSummary().topicConfig()).containsEntry("cleanup.policy", "compact");
    assertThat(topics.bitrixOutcomes().topicConfig()).containsEntry("retention.ms", "604800000");
  }

  @Test
  void shouldRejectAPrefixKafkaCannotUse() {
    assertThatThrownBy(() -> new Topics("acme/", ValueSerdeFactory.defaults()))
        .hasMessageContaining("topics.prefix");
  }

  @Test
  void shouldRoundTripThroughTheDescriptorSerdes() {
    TopicDescriptor<String, io.callstream.schemas.CallEvent> lifecycle = Topics.defaults().callLifecycle();
    byte[] bytes = lifecycle.valueSerde().serializer().serialize(lifecycle.name(), SampleRecords.callEvent());

    assertThat(lifecycle.valueSerde().deserializer().deserialize(lifecycle.name(), bytes))
        .isEqualTo(SampleRecords.callEvent());
  }

  @Test
  void shouldNameTheKeyWhenTheSerdeClassIsUnknown() {
    assertThatThrownBy(() -> new ValueSerdeFactory("com.example.NoSuchSerde", Map.of()))
        .hasMessageContaining("serde.value.class = com.example.NoSuchSerde")
        .hasMessageContaining("remove the key");
  }

  @Test
  void shouldRefuseAClassThatIsNotASerde() {
    assertThatThrownBy(() -> new ValueSerdeFactory(String.class.getName(), Map.of()))
        .hasMessageContaining("is not an org.apache.kafka.common.serialization.Serde");
  }
}
