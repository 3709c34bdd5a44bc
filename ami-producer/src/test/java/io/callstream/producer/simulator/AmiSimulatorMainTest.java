package io.callstream.producer.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.schemas.ami.RecordedCalls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AmiSimulatorMainTest {

  @Test
  void shouldParseOptionsWithDefaults() {
    AmiSimulatorMain.Options o = AmiSimulatorMain.Options.parse(new String[] {"--pbxs", "3", "--speed", "0"});
    assertThat(o.pbxs()).isEqualTo(3);
    assertThat(o.speed()).isZero();
    assertThat(o.loops()).isZero();
    assertThat(o.scenarios()).isEqualTo(RecordedCalls.SCENARIOS);
    assertThatThrownBy(() -> AmiSimulatorMain.Options.parse(new String[] {"--secret", "x"}))
        .hasMessageContaining("unknown option --secret");
  }

  @Test
  void shouldStartListeningSimulatorsAndStopOnRequest() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    CountDownLatch stop = new CountDownLatch(1);
    AmiSimulatorMain.Options options = AmiSimulatorMain.Options.parse(
        new String[] {"--pbxs", "2", "--scenarios", "inbound_answered", "--loops", "1"});
    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
      try {
        AmiSimulatorMain.run(options, out, stop);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Matcher m = listening.matcher("");
    while (System.nanoTime() < deadline && !(m = listening.matcher(buffer.toString(StandardCharsets.UTF_8))).find()) {
      Thread.sleep(20);
    }
    try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
      byte[] banner = socket.getInputStream().readNBytes(30);
      assertThat(new String(banner, StandardCharsets.US_ASCII)).isEqualTo("Asterisk Call Manager/11.0.0\r\n");
    }
    stop.countDown();
    running.get(10, TimeUnit.SECONDS);
    assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("simulated PBX 1 listening");
  }
}
