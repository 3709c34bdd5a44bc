package io.callstream.deploy.tools;

import static io.callstream.deploy.tools.InspectCommandIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.deploy.tools.InspectCommandIT.Run;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixCommandKind;
import io.callstream.schemas.BitrixDeadLetter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class DlqCommandIT {

  private static final Instant T = Instant.parse("2026-11-24T02:00:00Z");

  @Test
  void shouldListDeadLettersAndRedriveOnlyTheChosenCallsCommands(KafkaBroker kafka) throws Exception {
    ToolsFixture f = new ToolsFixture(kafka.bootstrapServers());
    BitrixCommand finish = command("office/1.0", BitrixCommandKind.FINISH);
    f.send(f.topics.bitrixDeadLetter(), "main", List.of(
        deadLetter("office/1.0", finish, "no Bitrix24 user has extension 109"),
        deadLetter("office/2.0", null, "lifecycle could not be mapped: no portal for pbx office")));
    String[] connection = {"--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", f.prefix};

    Run list = run(concat(new String[] {"dlq", "list"}, connection));
    Run refused = run(concat(new String[] {"dlq", "redrive"}, connection));
    Run redrive = run(concat(new String[] {"dlq", "redrive", "--call", "office/1.0"}, connection));

    assertThat(list.out()).contains("2 dead letter(s)").contains("call=office/1.0  FINISH")
        .contains("no Bitrix24 user has extension 109").contains("(no command)");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(redrive.exit()).as(redrive.err()).isZero();
    assertThat(redrive.out()).contains("Re-drove 1 command(s)");
    assertThat(commands(kafka, f)).containsExactly(finish);
  }

  private static List<BitrixCommand> commands(KafkaBroker kafka, ToolsFixture f) {
    List<BitrixCommand> out = new ArrayList<>();
    try (KafkaConsumer<String, BitrixCommand> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(), "group.id", f.prefix + "check",
        "auto.offset.reset", "earliest"), f.topics.bitrixCommands().keySerde().deserializer(),
        f.topics.bitrixCommands().valueSerde().deserializer())) {
      consumer.subscribe(List.of(f.topics.bitrixCommands().name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      long quietUntil = Long.MAX_VALUE;
      // Read until a second passes with nothing new, so a duplicate would show up too.
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, BitrixCommand> r : consumer.poll(Duration.ofMillis(200))) {
          assertThat(r.key()).isEqualTo("main");
          out.add(r.value());
          quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return out;
  }

  private static BitrixCommand command(String callId, BitrixCommandKind kind) {
    return BitrixCommand.newBuilder().setCommandId(callId + "/" + kind).setPortalId("main")
        .setPbxId("office").setCallId(callId).setLegId(callId).setKind(kind)
        .setExtensions(List.of("109")).setParams(Map.of("DURATION", "3")).setCreatedAt(T).build();
  }

  private static BitrixDeadLetter deadLetter(String callId, BitrixCommand command, String reason) {
    return BitrixDeadLetter.newBuilder().setCommand(command).setCallId(callId).setReason(reason)
        .setErrorClass("PERMANENT").setAttempts(1).setFailedAt(T).build();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
