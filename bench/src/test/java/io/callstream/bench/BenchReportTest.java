package io.callstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  @Test
  void shouldJudgeThroughputByItsRatioToTheBaseline() {
    Figure f = new Figure("correlator", "events/s", List.of(90.0, 110.0, 100.0),
        List.of(120.0, 125.0, 130.0), "pass-through Streams", true, 1.0, null);

    assertThat(f.median()).isEqualTo(100.0);
    assertThat(f.ratio()).isEqualTo(0.8);
    assertThat(f.met()).isFalse();
  }

  @Test
  void shouldJudgeLatencyAgainstAnAbsoluteCeiling() {
    Figure f = new Figure("card latency p99", "ms", List.of(40.0, 60.0), null, null, false, 100.0, null);

    assertThat(f.median()).isEqualTo(50.0);
    assertThat(f.met()).isTrue();
  }

  @Test
  void shouldWriteMarkdownWithMissesSpelledOutAndJson() throws Exception {
    BenchReport report = new BenchReport(Map.of("cores", "2"), Map.of("runs", "3"));
    report.add(new Figure("correlator", "events/s", List.of(100.0), List.of(125.0), "pass-through",
        true, 1.0, "profile: deserialisation 40 %"));

    assertThat(report.markdown()).contains("| correlator | 100 events/s")
        .contains("pass-through 125 events/s").contains("0.80×").contains("**no** (20 % off)")
        .contains("- correlator: profile: deserialisation 40 %").contains("- cores: 2");
    assertThat(report.json()).contains("\"ratio\" : 0.8").contains("\"met\" : false");
  }

  @Test
  void shouldSayByHowMuchAZeroTargetIsMissedAndSummariseOnTheConsole() {
    BenchReport report = new BenchReport(Map.of(), Map.of());
    report.add(new Figure("calls not arrived in Bitrix24", "calls", List.of(3.0), null, null, false, 0.0, null));
    report.add(new Figure("correlator", "events/s", List.of(100.0), List.of(50.0), "pass-through",
        true, 1.0, null));

    assertThat(report.markdown()).contains("**no** (off by 3.00 calls)");
    assertThat(report.summary()).contains("TARGET MISSED: off by 3.00 calls")
        .contains("(2.00× pass-through)  target met");
  }

  @Test
  void shouldNameMeasurementsThatDidNotComplete() throws Exception {
    BenchReport report = new BenchReport(Map.of(), Map.of());
    report.failure("run 1, card latency", "IllegalStateException: no call was registered");

    assertThat(report.markdown()).contains("## Not measured", "- run 1, card latency: IllegalStateException");
    assertThat(report.json()).contains("\"failures\"", "run 1, card latency");
  }
}
