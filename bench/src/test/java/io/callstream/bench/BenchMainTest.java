package io.callstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchMainTest {

  @Test
  void shouldParseTheFlagsOfCallstreamBench() {
    BenchOptions o = BenchMain.parse(new String[] {"--quick", "--runs", "5", "--output", "x/report.md"});

    assertThat(o.quick()).isTrue();
    assertThat(o.runs()).isEqualTo(5);
    assertThat(o.output()).isEqualTo(Path.of("x/report"));
    assertThat(o.sizes()).isEqualTo(BenchOptions.Sizes.quick());
  }

  @Test
  void shouldRunOnlyTheLatencySettingsLadderWhenAsked() {
    assertThat(BenchMain.parse(new String[] {"--latency-settings", "--runs", "2"}).latencySettings()).isTrue();
    assertThat(BenchMain.parse(new String[] {"--quick"}).latencySettings()).isFalse();
  }

  @Test
  void shouldRefuseUnknownFlagsAndMissingValues() {
    assertThatThrownBy(() -> BenchMain.parse(new String[] {"--fast"})).hasMessageContaining("--fast");
    assertThatThrownBy(() -> BenchMain.parse(new String[] {"--runs"})).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> BenchMain.parse(new String[] {"--runs", "x"})).hasMessageContaining("whole number");
  }

  @Test
  void shouldExitWithTwoAndUsageOnABadFlagWithoutStartingAnything() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = BenchMain.run(new String[] {"--nope"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("usage: bench [--quick] [--runs N] [--output PATH]");
  }
}
