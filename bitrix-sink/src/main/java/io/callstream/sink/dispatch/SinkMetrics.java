package io.callstream.sink.dispatch;

import io.micrometer.core.instrument.MeterRegistry;

/** The sink's counters. Tags carry portal ids and classes only, never URLs or tokens. */
public final class SinkMetrics {

  private final MeterRegistry registry;

  public SinkMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void request(String portal, String kind, String result) {
    registry.counter("callstream.bitrix.requests", "portal", portal, "kind", kind, "result", result)
        .increment();
  }

  void command(String portal, String status) {
    registry.counter("callstream.bitrix.commands", "portal", portal, "status", status).increment();
  }

  void retry(String portal, String errorClass) {
    registry.counter("callstream.bitrix.retries", "portal", portal, "class", errorClass).increment();
  }

  public MeterRegistry registry() {
    return registry;
  }
}
