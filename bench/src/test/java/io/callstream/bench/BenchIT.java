package io.callstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A miniature benchmark end to end: the report is complete. Speed is never asserted. */
@ExtendWith(KafkaBrokerExtension.class)
class BenchIT {

  @Test
  void shouldWriteAReportWithEveryFigureItsRunsAndItsBaseline(KafkaBroker broker, @TempDir Path dir)
      throws Exception {
    BenchOptions options = new BenchOptions(true, 1, dir.resolve("report"),
        new BenchOptions.Sizes(1, 3, 2_000, List.of(10), 10, 2, List.of(1, 2)));
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    BenchReport report = Bench.run(options, new PrintStream(console), broker.bootstrapServers());

    assertThat(report.failures()).isEmpty();
    assertThat(report.figures()).extracting(Figure::name).contains("producer ingest", "correlator throughput",
        "card latency p99, at-least-once", "card latency p99, exactly-once", "state per open call, 10 calls",
        "heap per open call, 10 calls", "open calls left after all ended, 10 calls",
        "Bitrix24 requests per call", "commands per batch request", "rate-limit rejections",
        "calls not arrived in Bitrix24", "scale ingest, 2 PBX", "scale correlator, 2 PBX");
    assertThat(report.figures()).allSatisfy(f -> assertThat(f.runs()).hasSize(1));
    assertThat(report.figures()).filteredOn(f -> f.name().equals("producer ingest")
        || f.name().equals("correlator throughput") || f.name().startsWith("scale ingest, 2"))
        .allSatisfy(f -> assertThat(f.baselineRuns()).hasSize(1));
    assertThat(Files.readString(dir.resolve("report.md"))).contains("## Machine and versions", "cores",
        "Kafka", "load average", "| producer ingest |");
    assertThat(Files.readString(dir.resolve("report.json"))).contains("\"figures\"", "\"baselineRuns\"");
    assertThat(console.toString()).contains("CallStream benchmark (medians)", "report.md");
  }
}
