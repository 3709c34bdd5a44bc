package io.callstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.commands.CommandExecutor;
import io.callstream.producer.commands.CommandIds;
import io.callstream.producer.commands.CommandMetrics;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.OriginateOutcome;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.PbxCommandExecution;
import io.callstream.schemas.PbxCommandExecutionStatus;
import io.callstream.schemas.PbxCommandFailure;
import io.callstream.schemas.PbxCommandKind;
import io.callstream.schemas.PbxCommandRejection;
import io.callstream.schemas.ami.AmiEvents;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * pbx.commands → Originate → the call's events in pbx.ami.events, executed once across restarts,
 * on the embedded broker with the AMI simulator.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CommandsIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void shouldPlaceExactlyOneOriginateAndPublishTheCallOnceAcrossARestart(KafkaBroker kafka)
      throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 2);
    try (AmiSimulator sim = simulator()) {
      Map<String, String> keys = keys(sim, "pbx1");
      PbxCommand click = command("click-1", "pbx1", PbxCommandKind.CLICK_TO_CALL, "101", "+79161234567");
      send(kafka, topics, click);
      send(kafka, topics, command("other-1", "pbx-elsewhere", PbxCommandKind.CLICK_TO_CALL, "101", "79160000000"));
      send(kafka, topics, command("bad-1", "pbx1", PbxCommandKind.CLICK_TO_CALL, "101\r\nAction: Command", "79161234567"));
      CommandIds ids = CommandIds.of(click);

      try (AmiProducer producer = start(keys, topics, kafka, new SimpleMeterRegistry())) {
        await().atMost(WAIT).until(() -> originates(sim).size() == 1);
        Map<String, String> originate = originates(sim).get(0);
        assertThat(originate).containsEntry("channel", "PJSIP/101").containsEntry("context", "from-internal")
            .containsEntry("exten", "+79161234567").containsEntry("async", "true")
            .containsEntry("variable", "__CALLSTREAM_CRM_CALL_ID=externalCall.click-1")
            .containsEntry("channelid", ids.channelId()).containsEntry("actionid", ids.actionId());
        List<AmiEvent> call = callEvents(kafka, topics, ids, "Hangup", 2);
        assertThat(call).extracting(AmiEvent::getEventName).containsSubsequence("Newchannel",
            "Newstate", "OriginateResponse", "DialBegin", "DialEnd", "BridgeEnter", "BridgeLeave", "Hangup",
            "Hangup");
        assertThat(call.stream().filter(e -> "VarSet".equals(e.getEventName()))
            .map(e -> AmiEvents.header(e, "Uniqueid")).distinct().count()).isEqualTo(2);
        assertThat(call).filteredOn(e -> "DialBegin".equals(e.getEventName()))
            .extracting(e -> AmiEvents.header(e, "DestContext")).containsExactly("macro-dialout-trunk");
      }
      List<PbxCommandRejection> dead = values(kafka, topics.pbxCommandsDeadLetter(), 1);
      assertThat(dead).singleElement().satisfies(d -> {
        assertThat(d.getCommandId()).isEqualTo("bad-1");
        assertThat(d.getFailure()).isEqualTo(PbxCommandFailure.INVALID);
        assertThat(d.getField()).isEqualTo("extension");
      });

      // Restarted with the same group: the executed command is not repeated; a new one runs.
      PbxCommand second = command("click-2", "pbx1", PbxCommandKind.CLICK_TO_CALL, "102", "79031234567");
      send(kafka, topics, second);
      try (AmiProducer producer = start(keys, topics, kafka, new SimpleMeterRegistry())) {
        await().atMost(WAIT).until(() -> originates(sim).size() >= 2);
        Thread.sleep(500);
        assertThat(originates(sim)).extracting(a -> a.get("channelid"))
            .containsExactly(ids.channelId(), CommandIds.of(second).channelId());
      }
      assertThat(executions(kafka, topics, 5)).extracting(e -> e.getCommandId() + ":" + e.getStatus())
          .containsExactly("click-1:STARTED", "click-1:SENT", "bad-1:REJECTED", "click-2:STARTED",
              "click-2:SENT");
    }
  }

  @Test
  void shouldNotCallTwiceWhenTheProducerStoppedBetweenTheOriginateAndItsRecord(KafkaBroker kafka)
      throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 2);
    try (AmiSimulator sim = simulator()) {
      sim.setOriginateOutcome(OriginateOutcome.SECOND_LEG_BUSY);
      Map<String, String> keys = keys(sim, "pbx1");
      PbxCommand click = command("click-1", "pbx1", PbxCommandKind.CLICK_TO_CALL, "101", "79161234567");
      send(kafka, topics, click);
      try (AmiProducer producer = start(keys, topics, kafka, new SimpleMeterRegistry())) {
        await().atMost(WAIT).until(() -> originates(sim).size() == 1);
        callEvents(kafka, topics, CommandIds.of(click), "Hangup", 2);
      }
      // The crash: the last record says STARTED (SENT never written) and the offset was not
      // committed (a new group reads the command again). The call has ended: not live any more.
      journal(kafka, topics, click, PbxCommandExecutionStatus.STARTED);
      keys.put("ami.commands.group.id", "after-crash-" + UUID.randomUUID());
      PbxCommand next = command("click-2", "pbx1", PbxCommandKind.CLICK_TO_CALL, "101", "79031234567");
      send(kafka, topics, next);
      try (AmiProducer producer = start(keys, topics, kafka, new SimpleMeterRegistry())) {
        await().atMost(WAIT).until(() -> originates(sim).size() >= 2);
        Thread.sleep(500);
      }
      assertThat(originates(sim)).extracting(a -> a.get("channelid"))
          .containsExactly(CommandIds.of(click).channelId(), CommandIds.of(next).channelId());
      List<PbxCommandExecution> steps = executions(kafka, topics, 6);
      assertThat(steps).filteredOn(e -> e.getCommandId().equals("click-1")).last()
          .satisfies(e -> {
            assertThat(e.getStatus()).isEqualTo(PbxCommandExecutionStatus.SENT);
            assertThat(e.getReason()).isEqualTo("after a restart: its events are in pbx.ami.events");
          });
    }
  }

  @Test
  void shouldSendACommandThatWasStartedButNeverSentBeforeTheRestart(KafkaBroker kafka)
      throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 2);
    try (AmiSimulator sim = simulator()) {
      PbxCommand callback = command("cb-1", "pbx1", PbxCommandKind.CALLBACK, "400", "79161234567");
      journal(kafka, topics, callback, PbxCommandExecutionStatus.STARTED);
      send(kafka, topics, callback);
      try (AmiProducer producer = start(keys(sim, "pbx1"), topics, kafka, new SimpleMeterRegistry())) {
        await().atMost(WAIT).until(() -> originates(sim).size() == 1);
        assertThat(originates(sim).get(0)).containsEntry("channel", "Local/79161234567@from-internal")
            .containsEntry("exten", "400");
        List<AmiEvent> call = callEvents(kafka, topics, CommandIds.of(callback), "Hangup", 4);
        assertThat(call).filteredOn(e -> "DialBegin".equals(e.getEventName()))
            .extracting(e -> AmiEvents.header(e, "DestContext"))
            .containsExactly("macro-dialout-trunk", "macro-dial-one");
        Thread.sleep(500);
      }
      assertThat(originates(sim)).hasSize(1);
      assertThat(executions(kafka, topics, 2)).extracting(PbxCommandExecution::getStatus)
          .containsExactly(PbxCommandExecutionStatus.STARTED, PbxCommandExecutionStatus.SENT);
    }
  }

  @Test
  void shouldWaitForADisconnectedPbxAndExecuteAfterItConnects(KafkaBroker kafka) throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 2);
    int port = freePort();
    Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
    keys.put("ami.pbx.pbx1.host", "127.0.0.1");
    keys.put("ami.pbx.pbx1.port", Integer.toString(port));
    keys.put("ami.pbx.pbx1.username", ItSupport.USER);
    keys.put("ami.pbx.pbx1.secret.env", ItSupport.SECRET_ENV);
    keys.put("ami.commands.enabled", "true");
    keys.put("ami.commands.pbx.wait.ms", "20000");
    PbxCommand click = command("click-1", "pbx1", PbxCommandKind.CLICK_TO_CALL, "101", "79161234567");
    try (AmiProducer producer = start(keys, topics, kafka, new SimpleMeterRegistry())) {
      send(kafka, topics, click);
      Thread.sleep(1500);
      try (AmiSimulator sim = AmiSimulator.start(SimulatorConfig.ofScenarios(ItSupport.USER,
          ItSupport.SECRET, List.of("internal_call")), port, Clock.systemUTC())) {
        await().atMost(WAIT).until(() -> originates(sim).size() == 1);
      }
    }
    assertThat(executions(kafka, topics, 2)).extracting(PbxCommandExecution::getStatus)
        .containsExactly(PbxCommandExecutionStatus.STARTED, PbxCommandExecutionStatus.SENT);
  }

  @Test
  void shouldFailLoudlyWhenThePbxStaysDisconnectedPastTheDeadline(KafkaBroker kafka) throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 2);
    Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
    keys.put("ami.pbx.pbx1.host", "127.0.0.1");
    keys.put("ami.pbx.pbx1.port", Integer.toString(freePort()));
    keys.put("ami.pbx.pbx1.username", ItSupport.USER);
    keys.put("ami.pbx.pbx1.secret.env", ItSupport.SECRET_ENV);
    keys.put("ami.commands.enabled", "true");
    keys.put("ami.commands.pbx.wait.ms", "1500");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PbxCommand callback = command("cb-1", "pbx1", PbxCommandKind.CALLBACK, "400", "79161234567");
    send(kafka, topics, callback);
    try (LogCapture logs = new LogCapture();
        AmiProducer producer = start(keys, topics, kafka, registry)) {
      List<PbxCommandRejection> dead = values(kafka, topics.pbxCommandsDeadLetter(), 1);
      assertThat(dead).singleElement().satisfies(d -> {
        assertThat(d.getFailure()).isEqualTo(PbxCommandFailure.PBX_UNAVAILABLE);
        assertThat(d.getReason()).contains("not connected within 1500 ms", "ami.commands.pbx.wait.ms");
        assertThat(d.getCommand()).isEqualTo(callback);
      });
      await().atMost(WAIT).until(() -> registry.find(CommandMetrics.FAILED).counter() != null
          && registry.get(CommandMetrics.FAILED).counter().count() == 1);
      assertThat(logs.at(Level.ERROR, CommandExecutor.class)).singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).contains("cb-1", "FAILED", "4567"));
    }
    assertThat(executions(kafka, topics, 1)).extracting(PbxCommandExecution::getStatus)
        .containsExactly(PbxCommandExecutionStatus.FAILED);
  }

  private static AmiSimulator simulator() throws Exception {
    return AmiSimulator.start(SimulatorConfig.ofScenarios(ItSupport.USER, ItSupport.SECRET,
        List.of("internal_call")));
  }

  private static Map<String, String> keys(AmiSimulator sim, String pbxId) {
    Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
    keys.putAll(ItSupport.pbxKeys(pbxId, sim));
    keys.put("ami.commands.enabled", "true");
    keys.put("ami.commands.group.id", "it-" + UUID.randomUUID());
    return keys;
  }

  private static AmiProducer start(Map<String, String> keys, Topics topics, KafkaBroker kafka,
      SimpleMeterRegistry registry) {
    return AmiProducer.start(ProducerConfig.fromMap(keys, ItSupport::env), topics,
        ItSupport.kafka(kafka), registry);
  }

  private static PbxCommand command(String id, String pbxId, PbxCommandKind kind, String extension,
      String number) {
    return PbxCommand.newBuilder().setCommandId(id).setPbxId(pbxId).setPortalId("portal-1")
        .setKind(kind).setExtension(extension).setNumber(number).setCrmCallId("externalCall." + id)
        .setCrmEntityType("CONTACT").setCrmEntityId("12").setDetails(Map.of())
        .setRequestedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
  }

  private static void send(KafkaBroker kafka, Topics topics, PbxCommand command) throws Exception {
    TopicDescriptor<String, PbxCommand> t = topics.pbxCommands();
    try (KafkaProducer<String, PbxCommand> producer = new KafkaProducer<>(ItSupport.kafka(kafka),
        t.keySerde().serializer(), t.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(t.name(), command.getPbxId(), command)).get();
    }
  }

  /** What a process that crashed right after writing STARTED leaves in the log. */
  private static void journal(KafkaBroker kafka, Topics topics, PbxCommand command,
      PbxCommandExecutionStatus status) throws Exception {
    TopicDescriptor<String, PbxCommandExecution> t = topics.pbxCommandExecutions();
    CommandIds ids = CommandIds.of(command);
    try (KafkaProducer<String, PbxCommandExecution> producer = new KafkaProducer<>(
        ItSupport.kafka(kafka), t.keySerde().serializer(), t.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(t.name(), command.getPbxId(), PbxCommandExecution.newBuilder()
          .setCommandId(command.getCommandId()).setPbxId(command.getPbxId()).setStatus(status)
          .setReason(null).setActionId(ids.actionId()).setChannelId(ids.channelId())
          .setAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build())).get();
    }
  }

  private static List<Map<String, String>> originates(AmiSimulator sim) {
    return sim.receivedActions().stream().filter(a -> "Originate".equalsIgnoreCase(a.get("action")))
        .toList();
  }

  /** The call's events (Linkedid = its ChannelId, or the OriginateResponse) once {@code count} of {@code last} arrived. */
  private static List<AmiEvent> callEvents(KafkaBroker kafka, Topics topics, CommandIds ids,
      String last, int count) {
    List<AmiEvent> call = TopicReader.readUntil(kafka, topics.amiEvents(),
        records -> ofCall(records, ids).stream().filter(e -> last.equals(e.getEventName())).count() >= count,
        WAIT).stream().map(ConsumerRecord::value).toList();
    List<AmiEvent> ours = ofCall(call.stream().map(v -> new ConsumerRecord<>("t", 0, 0, "k", v)).toList(), ids);
    assertThat(ours.stream().filter(e -> last.equals(e.getEventName())).count()).isEqualTo(count);
    return ours;
  }

  private static List<AmiEvent> ofCall(List<ConsumerRecord<String, AmiEvent>> records, CommandIds ids) {
    return records.stream().map(ConsumerRecord::value)
        .filter(e -> ids.channelId().equals(AmiEvents.header(e, "Linkedid"))
            || ids.actionId().equals(AmiEvents.header(e, "ActionID")) && e.getEventName() != null)
        .toList();
  }

  private static List<PbxCommandExecution> executions(KafkaBroker kafka, Topics topics, int count) {
    return values(kafka, topics.pbxCommandExecutions(), count);
  }

  private static <V> List<V> values(KafkaBroker kafka, TopicDescriptor<String, V> topic, int count) {
    List<V> values = TopicReader.readUntil(kafka, topic, r -> r.size() >= count, WAIT).stream()
        .map(ConsumerRecord::value).toList();
    assertThat(values).hasSize(count);
    return values;
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }
}
