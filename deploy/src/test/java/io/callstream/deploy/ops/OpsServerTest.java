package io.callstream.deploy.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpsServerTest {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void shouldExposeMetricsInPrometheusFormat() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("callstream.ami.events", "pbx", "office").increment(3);
    try (OpsServer ops = OpsServer.start("127.0.0.1", 0, registry, List.of())) {
      HttpResponse<String> metrics = get(ops, "/metrics");

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("callstream_ami_events_total{pbx=\"office\"} 3.0");
    }
  }

  @Test
  void shouldReportNotReadyWithTheReasonUntilEveryComponentIs() throws Exception {
    AtomicBoolean connected = new AtomicBoolean(false);
    Readiness producer = new Readiness() {
      @Override
      public String component() {
        return "producer";
      }

      @Override
      public boolean ready() {
        return connected.get();
      }

      @Override
      public String detail() {
        return connected.get() ? "connected to 1 of 1 PBX" : "office: connection refused";
      }
    };
    try (OpsServer ops = OpsServer.start("127.0.0.1", 0,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), List.of(producer))) {
      HttpResponse<String> down = get(ops, "/health/ready");
      connected.set(true);
      HttpResponse<String> up = get(ops, "/health/ready");

      assertThat(get(ops, "/health/live").statusCode()).isEqualTo(200);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("connection refused").contains("\"status\":\"DOWN\"");
      assertThat(up.statusCode()).isEqualTo(200);
    }
  }

  private HttpResponse<String> get(OpsServer ops, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
