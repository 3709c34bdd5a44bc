package io.callstream.sink.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Request, batch and rejection counters of the emulator. */
final class Counters {
  final LongAdder requests = new LongAdder();
  final LongAdder batches = new LongAdder();
  final LongAdder batchCommands = new LongAdder();
  final LongAdder resetsAfterApply = new LongAdder();
  private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();

  void reject(String code) {
    rejected.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  Map<String, Long> rejected() {
    Map<String, Long> out = new TreeMap<>();
    rejected.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
