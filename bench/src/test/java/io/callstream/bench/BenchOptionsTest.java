package io.callstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void shouldDefaultToThreeRunsAndTheIssuesSizes() {
    BenchOptions full = BenchOptions.defaults(false);

    assertThat(full.runs()).isEqualTo(3);
    assertThat(full.output()).isEqualTo(Path.of("bench-report"));
    assertThat(full.sizes().memoryCalls()).containsExactly(1_000, 10_000);
    assertThat(full.sizes().crmCalls()).isEqualTo(1_000);
    assertThat(BenchOptions.defaults(true).sizes().ingestCalls()).isLessThan(full.sizes().ingestCalls());
  }

  @Test
  void shouldStripAReportExtensionSoBothFilesAreWritten() {
    assertThat(BenchOptions.defaults(true).withOutput(Path.of("out/r.md")).output()).isEqualTo(Path.of("out/r"));
    assertThat(BenchOptions.defaults(true).withOutput(Path.of("r.json")).output()).isEqualTo(Path.of("r"));
  }

  @Test
  void shouldRefuseRunsOutOfRangeNamingTheFlag() {
    assertThatThrownBy(() -> BenchOptions.defaults(true).withRuns(0)).hasMessageContaining("--runs");
    assertThatThrownBy(() -> BenchOptions.defaults(true).withRuns(21)).hasMessageContaining("--runs");
  }

  @Test
  void shouldRefuseALoadThatCannotBeSplitEvenlyOverThePbxCounts() {
    assertThatThrownBy(() -> new BenchOptions.Sizes(1, 1, 1, List.of(10), 10, 30, List.of(1, 7)))
        .hasMessageContaining("divide evenly over 7");
    assertThatThrownBy(() -> new BenchOptions.Sizes(1, 1, 1, List.of(), 10, 30, List.of(1)))
        .hasMessageContaining("at least one size");
  }
}
