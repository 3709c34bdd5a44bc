package io.callstream.deploy.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged distribution (bin/callstream + lib/*.jar, as CI builds it and the Dockerfile copies
 * it) runs the demo for a bounded time in its own JVM, and every external call the simulated PBX
 * completed is in the Bitrix24 emulator, registered and finished once with the right status.
 */
class DistributionDemoIT {

  private static final Path DIST = Path.of("target/callstream");
  private static final Pattern CHECK = Pattern.compile("Bitrix24 check: (\\d+) of (\\d+) external calls");

  @Test
  void shouldBeAPlainLibFolderWithAsteriskJavaUnshaded() throws Exception {
    assertThat(DIST.resolve("bin/callstream")).isExecutable();
    try (Stream<Path> jars = Files.list(DIST.resolve("lib"))) {
      List<String> names = jars.map(p -> p.getFileName().toString()).toList();
      assertThat(names).anyMatch(n -> n.startsWith("asterisk-java-3.42.2"))
          .anyMatch(n -> n.startsWith("deploy-")).noneMatch(n -> n.startsWith("log4j-core"));
    }
  }

  @Test
  void shouldDeliverEveryCompletedCallOfTheDemoToTheEmulator() throws Exception {
    Process demo = new ProcessBuilder(DIST.resolve("bin/callstream").toString(), "demo",
        "--duration", "25", "--speed", "8", "--web-port", "0")
        .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out;
    try {
      out = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(demo.waitFor(180, TimeUnit.SECONDS)).as("the demo stopped by itself").isTrue();
    } finally {
      demo.destroyForcibly();
    }

    assertThat(demo.exitValue()).as(out).isZero();
    Matcher check = CHECK.matcher(out);
    assertThat(check.find()).as(out).isTrue();
    assertThat(Integer.parseInt(check.group(2))).as("calls completed").isGreaterThan(5);
    assertThat(check.group(1)).as(out.substring(out.indexOf("Bitrix24 check"))).isEqualTo(check.group(2));
    assertThat(out.substring(out.indexOf("Bitrix24 check"))).contains("; unknown outcome 0");
    assertThat(out).contains("ENDED").contains("CRM").endsWith("Stopped.\n");
  }
}
