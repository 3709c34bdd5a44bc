package io.callstream.producer.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.producer.config.CommandsConfig;
import io.callstream.producer.config.OriginateConfig;
import io.callstream.producer.config.PbxConfig;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.config.Secret;
import io.callstream.producer.connection.PbxConnection;
import io.callstream.producer.metrics.PbxMetrics;
import io.callstream.producer.publish.FrameHandoff;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.PbxCommandExecutionStatus;
import io.callstream.schemas.PbxCommandFailure;
import io.callstream.schemas.PbxCommandKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile values in a command are refused before any byte reaches the AMI socket: checked on
 * the simulator's parsed actions and on the raw bytes it received, while a valid command on the
 * same connection does arrive (so the path itself works).
 */
class CommandInjectionTest {

  private static final String INJECTED = "Action: Command";
  private static final List<String> BAD_NUMBERS = List.of(
      "79161234567\r\nAction: Command\r\nCommand: core stop now", "79161234567\r", "79161234567\n",
      "\r\n", INJECTED, "Action: Originate", "+7916:1234567", "7916 1234567", "1".repeat(21),
      "+" + "9".repeat(500), "79O61234567", "٧٩١٦١٢٣٤٥٦٧", "７９１６１２３４５６７", "", "+", "++79161234567",
      "7916123456７", "79161234567\u0000", "79161234567,Action");
  private static final List<String> BAD_EXTENSIONS = List.of(
      "101\r\nAction: Command\r\nCommand: core stop now", "101\r", "101\n", INJECTED, "10a",
      "1234567", "١٠١", "", "1", "101:", "101,Action", "1".repeat(10_000));

  private AmiSimulator sim;
  private PbxConnection connection;
  private MemoryJournal journal;
  private SimpleMeterRegistry registry;
  private CommandExecutor executor;

  @BeforeEach
  void start() throws Exception {
    sim = AmiSimulator.start(SimulatorConfig.ofScenarios("crm", "sim-secret", List.of("internal_call")));
    PbxConfig pbx = PbxConfig.of("pbx1", sim.host(), sim.port(), "crm", Secret.of("sim-secret"))
        .withOriginate(new OriginateConfig("from-internal", "PJSIP/{extension}", "{number}",
            Pattern.compile("[0-9]{2,6}"), Duration.ofSeconds(30), "Local/{number}@from-internal",
            "from-internal", Optional.empty()));
    ProducerConfig config = ProducerConfig.fromMap(Map.of("ami.resync.actions", "")).withPbxs(List.of(pbx));
    FrameHandoff handoff = new FrameHandoff(1 << 16);
    connection = new PbxConnection(pbx, config, handoff,
        new PbxMetrics(new SimpleMeterRegistry(), "pbx1", handoff::depth), Clock.systemUTC(), new Random(1));
    connection.start();
    journal = new MemoryJournal();
    registry = new SimpleMeterRegistry();
    executor = new CommandExecutor(Map.of("pbx1", connection), Map.of("pbx1", pbx),
        new CommandsConfig(true, Optional.empty(), Duration.ofSeconds(10), Duration.ofMinutes(10),
            Duration.ofSeconds(5),
            Duration.ofMinutes(1)), journal, (p, i, s) -> false, new CommandMetrics(registry),
        Clock.systemUTC());
    assertThat(connection.awaitReady(Duration.ofSeconds(10))).isPresent();
  }

  @AfterEach
  void stop() throws Exception {
    connection.stop();
    connection.awaitStopped();
    sim.close();
  }

  @Test
  void shouldRejectEveryHostileValueBeforeAnyByteReachesThePbx() throws Exception {
    List<PbxCommand> hostile = new ArrayList<>();
    for (String number : BAD_NUMBERS) {
      hostile.add(command(PbxCommandKind.CLICK_TO_CALL, "101", number, "externalCall.1"));
      hostile.add(command(PbxCommandKind.CALLBACK, "400", number, "externalCall.1"));
    }
    for (String extension : BAD_EXTENSIONS) {
      hostile.add(command(PbxCommandKind.CLICK_TO_CALL, extension, "79161234567", "externalCall.1"));
      hostile.add(command(PbxCommandKind.CALLBACK, extension, "79161234567", "externalCall.1"));
    }
    hostile.add(command(PbxCommandKind.CLICK_TO_CALL, null, "79161234567", "externalCall.1"));
    hostile.add(command(PbxCommandKind.CLICK_TO_CALL, "101", "79161234567", "x\r\nAction: Command"));
    hostile.add(command(PbxCommandKind.CLICK_TO_CALL, "101", "79161234567", "a:b"));
    hostile.add(command(PbxCommandKind.CLICK_TO_CALL, "101", "79161234567", ""));
    hostile.add(command(PbxCommandKind.UNKNOWN, "101", "79161234567", "externalCall.1"));
    int before = sim.receivedBytes().length;

    for (PbxCommand c : hostile) {
      executor.execute(c);
    }

    assertThat(sim.receivedBytes().length).as("bytes sent to the PBX").isEqualTo(before);
    assertThat(sim.receivedActions()).noneMatch(a -> "Originate".equalsIgnoreCase(a.get("action"))
        || "Command".equalsIgnoreCase(a.get("action")));
    assertThat(journal.deadLetters).hasSize(hostile.size()).allSatisfy(d -> {
      assertThat(d.getFailure()).isEqualTo(PbxCommandFailure.INVALID);
      assertThat(d.getField()).isIn("number", "extension", "crmCallId", "kind");
      assertThat(d.getReason()).doesNotContain("\r", "\n", INJECTED).hasSizeLessThan(200);
      assertThat(d.getCommand()).isNotNull();
    });
    assertThat(journal.steps).extracting(s -> s.getStatus())
        .containsOnly(PbxCommandExecutionStatus.REJECTED);
    assertThat(registry.get(CommandMetrics.REJECTED).counter().count()).isEqualTo(hostile.size());

    executor.execute(command(PbxCommandKind.CLICK_TO_CALL, "101", "+79161234567", "externalCall.1"));

    await().atMost(Duration.ofSeconds(5)).until(() -> sim.receivedActions().stream()
        .anyMatch(a -> "Originate".equals(a.get("action"))));
    String raw = new String(sim.receivedBytes(), StandardCharsets.UTF_8).substring(before);
    assertThat(raw).startsWith("Action: Originate\r\n").contains("Exten: +79161234567\r\n")
        .doesNotContain(INJECTED);
    assertThat(raw.split("\r\n\r\n", -1)).hasSize(2);
  }

  @Test
  void shouldNameTheRefusedFieldAndNeverEchoTheValue() throws Exception {
    executor.execute(command(PbxCommandKind.CLICK_TO_CALL, "101",
        "79161234567\r\nAction: Command\r\nCommand: core stop now", "externalCall.1"));
    executor.execute(command(PbxCommandKind.CLICK_TO_CALL, "10\r\nAction: Command", "79161234567", "e.1"));

    assertThat(journal.deadLetters).extracting(d -> d.getField()).containsExactly("number", "extension");
    assertThat(journal.deadLetters.get(0).getReason())
        .isEqualTo("number must be 1-20 ASCII digits with an optional leading '+' (52 characters, "
            + "with control characters (CR/LF))");
    assertThat(journal.deadLetters.get(1).getReason()).contains("extension must match [0-9]{2,6}");
  }

  @Test
  void shouldNotRingAnyoneForACommandRequestedLongerAgoThanTheMaximumAge() throws Exception {
    PbxCommand old = PbxCommand.newBuilder(command(PbxCommandKind.CLICK_TO_CALL, "101", "79161234567", "e.1"))
        .setRequestedAt(java.time.Instant.now().minus(Duration.ofMinutes(11))).build();
    int before = sim.receivedBytes().length;

    executor.execute(old);

    assertThat(sim.receivedBytes()).hasSize(before);
    assertThat(journal.deadLetters).singleElement().satisfies(d -> {
      assertThat(d.getField()).isEqualTo("requestedAt");
      assertThat(d.getReason()).startsWith("expired: requested 660 s ago");
    });
    assertThat(journal.steps).extracting(s -> s.getStatus()).containsExactly(PbxCommandExecutionStatus.FAILED);
    assertThat(registry.get(CommandMetrics.FAILED).counter().count()).isEqualTo(1);
  }

  @Test
  void shouldNotSendASecondOriginateWhenThePbxDoesNotAnswerTheFirst() throws Exception {
    CommandExecutor impatient = new CommandExecutor(Map.of("pbx1", connection),
        Map.of("pbx1", PbxConfig.of("pbx1", sim.host(), sim.port(), "crm", Secret.of("sim-secret"))),
        new CommandsConfig(true, Optional.empty(), Duration.ofSeconds(10), Duration.ofMinutes(10),
            Duration.ofMillis(500), Duration.ofMinutes(1)), journal, (p, i, s) -> false,
        new CommandMetrics(registry), Clock.systemUTC());
    sim.setUnresponsive(true);

    impatient.execute(command(PbxCommandKind.CLICK_TO_CALL, "101", "79161234567", "e.1"));

    assertThat(sim.receivedActions()).filteredOn(a -> "Originate".equals(a.get("action"))).hasSize(1);
    assertThat(journal.steps).extracting(s -> s.getStatus()).containsExactly(
        PbxCommandExecutionStatus.STARTED, PbxCommandExecutionStatus.FAILED);
    assertThat(journal.deadLetters).singleElement().satisfies(d -> {
      assertThat(d.getFailure()).isEqualTo(PbxCommandFailure.OUTCOME_UNKNOWN);
      assertThat(d.getReason()).contains("not sending a second one");
    });
  }

  private static PbxCommand command(PbxCommandKind kind, String extension, String number,
      String crmCallId) {
    return PbxCommand.newBuilder().setCommandId("cmd-" + System.nanoTime())
        .setPbxId("pbx1").setPortalId("p1").setKind(kind).setExtension(extension)
        .setNumber(number).setCrmCallId(crmCallId).setCrmEntityType(null).setCrmEntityId(null)
        .setDetails(Map.of()).setRequestedAt(java.time.Instant.now()).build();
  }
}
