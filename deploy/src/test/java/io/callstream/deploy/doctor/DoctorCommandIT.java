package io.callstream.deploy.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.deploy.cli.CallstreamCommand;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code doctor} with the example configuration against the simulator, the emulator and the broker. */
@ExtendWith(KafkaBrokerExtension.class)
class DoctorCommandIT {

  private static final String SECRET = "doctor-secret";

  @TempDir
  Path dir;

  @Test
  void shouldPassWhenEverythingIsRight(KafkaBroker kafka) throws Exception {
    try (AmiSimulator pbx = simulator(); BitrixEmulator bitrix = BitrixEmulator.start(EmulatorConfig.builder().build())) {
      Result r = doctor(env(kafka, pbx, SECRET, bitrix.webhookUrl()));

      assertThat(r.out).contains("OK   logged in as 'callstream'").contains("OK   CoreShowChannels permitted")
          .contains("events carry the PBX Timestamp").contains("OK   reached the cluster")
          .contains("extension(s) mapped to users").contains("missed calls go to user 15")
          .contains("OK   PBX clock within 2 s of this host's");
      assertThat(r.exit).as(r.out).isZero();
    }
  }

  @Test
  void shouldWarnAboutAPbxClockHoursOff(KafkaBroker kafka) throws Exception {
    Clock fiveHoursBehind = Clock.offset(Clock.systemUTC(), Duration.ofHours(-5));
    try (AmiSimulator pbx = AmiSimulator.start(config(), 0, fiveHoursBehind);
        BitrixEmulator bitrix = BitrixEmulator.start(EmulatorConfig.builder().build())) {
      Result r = doctor(env(kafka, pbx, SECRET, bitrix.webhookUrl()));

      assertThat(r.out).containsPattern("WARN PBX clock is 1800\\d\\.\\d s behind this host's")
          .contains("enable NTP on the PBX");
      assertThat(r.exit).as(r.out).isZero();
    }
  }

  @Test
  void shouldFindAWrongAmiPasswordAndAnInvalidWebhook(KafkaBroker kafka) throws Exception {
    try (AmiSimulator pbx = simulator(); BitrixEmulator bitrix = BitrixEmulator.start(EmulatorConfig.builder().build())) {
      String badWebhook = bitrix.webhookUrl().replaceAll("/rest/(\\d+)/[^/]+", "/rest/$1/notthecode0000");

      Result r = doctor(env(kafka, pbx, "wrong-secret", badWebhook));

      assertThat(r.exit).isEqualTo(1);
      assertThat(r.out).contains("FAIL login as 'callstream' rejected")
          .contains("permit=<this host>")
          .contains("FAIL the portal refused the credentials")
          .contains("create a new incoming webhook")
          .doesNotContain("wrong-secret").doesNotContain("notthecode0000");
    }
  }

  private static AmiSimulator simulator() throws Exception {
    return AmiSimulator.start(config());
  }

  private static SimulatorConfig config() {
    return SimulatorConfig.ofScenarios("callstream", SECRET, List.of("inbound_answered"))
        .withAuthFailureDelay(Duration.ofMillis(100));
  }

  private Map<String, String> env(KafkaBroker kafka, AmiSimulator pbx, String secret, String webhook) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("AMI_HOST", pbx.host());
    env.put("AMI_PORT", Integer.toString(pbx.port()));
    env.put("AMI_SECRET", secret);
    env.put("BITRIX_WEBHOOK_URL", webhook);
    env.put("BITRIX_MISSED_CALL_OWNER", "15");
    env.put("CALLSTREAM_STATE_DIR", dir.resolve("state").toString());
    return env;
  }

  private static Result doctor(Map<String, String> env) throws Exception {
    Constructor<?> make = Class.forName("io.callstream.deploy.cli.DoctorCommand").getDeclaredConstructor(Map.class);
    make.setAccessible(true);
    StringWriter out = new StringWriter();
    CommandLine cli = CallstreamCommand.configure(new CommandLine(make.newInstance(env)));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int exit = cli.execute("--config", "config/callstream.example.yaml", "--sample", "2s");
    return new Result(exit, out.toString());
  }

  record Result(int exit, String out) {
  }
}
