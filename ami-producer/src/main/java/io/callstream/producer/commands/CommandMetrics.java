package io.callstream.producer.commands;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of executed commands, tagged {@code pbx=<pbxId>} only. */
public final class CommandMetrics {

  public static final String SENT = "callstream.ami.commands.sent";
  public static final String REJECTED = "callstream.ami.commands.rejected";
  public static final String FAILED = "callstream.ami.commands.failed";

  private final MeterRegistry registry;

  public CommandMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void sent(String pbxId) {
    counter(SENT, pbxId, "Originates the PBX accepted (or found placed after a restart)").increment();
  }

  void rejected(String pbxId) {
    counter(REJECTED, pbxId, "commands refused by validation (dead-lettered, nothing sent)").increment();
  }

  void failed(String pbxId) {
    counter(FAILED, pbxId, "commands that could not be executed (dead-lettered): calls that did not happen")
        .increment();
  }

  private Counter counter(String name, String pbxId, String description) {
    return Counter.builder(name).tag("pbx", pbxId).description(description).register(registry);
  }
}
