package io.callstream.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.replay.OfflineReplay;
import io.callstream.correlator.replay.ReplayInput;
import io.callstream.correlator.replay.ReplayOptions;
import io.callstream.correlator.replay.ReplayResult;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.ami.RecordedCalls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's web page in a real headless Chromium (Debian's package): it loads, runs its script
 * against {@code /api/board}, and shows the calls the correlator derived from recorded captures.
 */
class DemoWebPageIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  Path profile;

  @Test
  void shouldShowActiveAndRecentCallsInABrowser() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Skipped: no /usr/bin/chromium here "
        + "(apt-get install chromium); .ci/run installs it");
    CallBoard board = new CallBoard(Clock.systemUTC(), line -> { }, () -> 42);
    for (CallEvent e : lifecycle("ring_group").lifecycle()) {
      board.onLifecycle(e);
    }
    List<CallEvent> queue = lifecycle("queue_ringall_answered").lifecycle();
    queue.subList(0, 3).forEach(board::onLifecycle);
    board.onRawEvents(1234);

    String dom;
    try (DemoWebServer web = DemoWebServer.start(0, board)) {
      dom = render(web.url());
    }

    assertThat(dom).contains("<title>CallStream demo</title>");
    assertThat(dom).as("recent call row rendered by the script").contains("79169990011")
        .contains("ANSWERED").contains("74951234600");
    assertThat(dom).as("active call row").contains(queue.get(0).getCallId()).contains("ringing");
    assertThat(dom).contains("<b id=\"raw\">1234</b>").contains("<span id=\"requests\">42</span>");
  }

  private String render(String url) throws Exception {
    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--virtual-time-budget=5000", "--dump-dom", url)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      byte[] out = chromium.getInputStream().readAllBytes();
      assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      chromium.destroyForcibly();
    }
  }

  private static ReplayResult lifecycle(String scenario) {
    ReplayOptions options = ReplayOptions.defaults();
    return new OfflineReplay(options.toConfig()).replay("pbx-1", List.of(
        new ReplayInput(scenario, RecordedCalls.capture(scenario), Instant.EPOCH)));
  }
}
