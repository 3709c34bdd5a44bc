package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.callstream.sink.emulator.Ledger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code callstream run} with the shipped example configuration, pointed by environment variables
 * at the embedded broker, an AMI simulator and the Bitrix24 emulator: the calls the simulator
 * plays arrive in the emulator as they do in the demo.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RunCommandIT {

  private static final List<String> SCENARIOS = List.of("inbound_answered", "queue_ringall_answered",
      "outbound_busy", "inbound_no_answer");

  @TempDir
  Path dir;

  @Test
  void shouldRunTheExampleConfigurationEndToEnd(KafkaBroker kafka) throws Exception {
    String secret = "it-secret-" + System.nanoTime();
    try (AmiSimulator pbx = AmiSimulator.start(SimulatorConfig.ofScenarios("callstream", secret, SCENARIOS));
        BitrixEmulator bitrix = BitrixEmulator.start(EmulatorConfig.builder().build())) {
      int opsPort = freePort();
      Map<String, String> env = new HashMap<>();
      env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
      env.put("AMI_HOST", pbx.host());
      env.put("AMI_PORT", Integer.toString(pbx.port()));
      env.put("AMI_SECRET", secret);
      env.put("BITRIX_WEBHOOK_URL", bitrix.webhookUrl());
      env.put("CALLSTREAM_STATE_DIR", dir.resolve("state").toString());
      env.put("CALLSTREAM_OPS_PORT", Integer.toString(opsPort));
      // The emulator's employees are 11..15 (extensions 101..105); a real portal's admin is 1.
      env.put("BITRIX_MISSED_CALL_OWNER", "15");
      RunCommand command = new RunCommand(env);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = CallstreamCommand.configure(new CommandLine(command));
      cli.setOut(new PrintWriter(out));
      cli.setErr(new PrintWriter(err));
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
          cli.execute("--config", "config/callstream.example.yaml"));

      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
          assertThat(bitrix.ledger().calls()).filteredOn(Ledger.Call::finished).hasSize(4));
      assertThat(exit).as("still running: %s %s", out, err).isNotDone();
      HttpResponse<String> ready = get(opsPort, "/health/ready");
      HttpResponse<String> metrics = get(opsPort, "/metrics");
      command.stop();

      assertThat(exit.get(60, TimeUnit.SECONDS)).as(out.toString()).isZero();
      assertThat(out.toString()).contains("CallStream running: [producer, correlator, sink]").contains("Stopped.");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
      assertThat(metrics.body()).contains("pbx=\"office\"");
      Ledger ledger = bitrix.ledger();
      assertThat(ledger.calls()).allSatisfy(c -> {
        assertThat(c.registerRequests()).isEqualTo(1);
        assertThat(c.openCards()).isEmpty();
      });
      assertThat(ledger.calls()).extracting(Ledger.Call::statusCode)
          .containsExactlyInAnyOrder("200", "200", "486", "304");
      assertThat(ledger.rejected("QUERY_LIMIT_EXCEEDED")).isZero();
      assertThat(ledger.calls()).filteredOn(c -> "304".equals(c.statusCode()))
          .extracting(Ledger.Call::finishUserId).containsExactly(15);
    }
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
