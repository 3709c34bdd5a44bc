package io.callstream.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Kafka and Streams settings the latency phase hands to the components through their
 * pass-through client properties (the bench never changes a component's code or defaults).
 * {@code correlator} goes to the correlator's Streams application; {@code sink} to the sink's
 * planner (Streams) and its dispatcher's consumer and producer, so unprefixed client keys reach
 * both and {@code consumer.}/{@code producer.}-prefixed ones only the planner.
 */
record LatencySettings(String name, Map<String, Object> correlator, Map<String, Object> sink) {

  LatencySettings {
    correlator = Map.copyOf(correlator);
    sink = Map.copyOf(sink);
  }

  /** What the components do on their own: nothing passed. */
  static LatencySettings componentDefaults() {
    return new LatencySettings("component defaults", Map.of(), Map.of());
  }

  /**
   * Kafka Streams' own defaults, passed explicitly so they hold whatever the components default
   * to: producers linger 100 ms, an idle thread polls every 100 ms, exactly-once commits every
   * 100 ms (at-least-once keeps each component's commit interval, which does not delay records).
   */
  static LatencySettings streamsDefaults(boolean exactlyOnce) {
    LatencySettings s = componentDefaults().withStreams("producer.linger.ms", 100).withStreams("poll.ms", 100);
    return (exactlyOnce ? s.withStreams("commit.interval.ms", 100) : s).named("Streams defaults");
  }

  /**
   * The settings recommended to the components (the ladder of {@link #ladder} shows what each
   * buys), and since commit 0dfcb87 their defaults: Streams producers linger 5 ms instead of
   * Streams' 100 ms; the Streams threads poll every 10 ms instead of 100 ms, so a thread that
   * waits for input looks again (and commits) sooner; under exactly-once a 20 ms commit interval
   * instead of 100 ms, since a record is readable downstream only once its transaction commits.
   */
  static LatencySettings recommended(boolean exactlyOnce) {
    LatencySettings s = componentDefaults().withStreams("producer.linger.ms", 5).withStreams("poll.ms", 10);
    return (exactlyOnce ? s.withStreams("commit.interval.ms", 20) : s).named("recommended");
  }

  /**
   * The steps {@code --latency-settings} measures, each against the first (Kafka Streams' own
   * defaults, passed explicitly): one setting at a time, then together, then a cheaper and a
   * faster variant, and last what the components do with nothing passed.
   */
  static List<LatencySettings> ladder(boolean exactlyOnce) {
    LatencySettings streams = streamsDefaults(exactlyOnce);
    LatencySettings linger = streams.withStreams("producer.linger.ms", 5).named("linger 5 ms");
    LatencySettings poll = linger.withStreams("poll.ms", 10).named("linger 5 ms + poll 10 ms");
    if (!exactlyOnce) {
      return List.of(streams, linger, poll.named("linger 5 ms + poll 10 ms (recommended)"), componentDefaults());
    }
    return List.of(streams, linger,
        linger.withStreams("commit.interval.ms", 20).named("linger 5 ms + commit 20 ms"),
        poll,
        poll.withStreams("commit.interval.ms", 20).named("linger 5 ms + poll 10 ms + commit 20 ms (recommended)"),
        poll.withStreams("commit.interval.ms", 50).named("linger 5 ms + poll 10 ms + commit 50 ms"),
        linger.withStreams("poll.ms", 5).withStreams("commit.interval.ms", 10)
            .named("linger 5 ms + poll 5 ms + commit 10 ms"),
        componentDefaults());
  }

  /** The same settings for both Streams hops. */
  LatencySettings withStreams(String key, Object value) {
    return withCorrelator(key, value).withSink(key, value);
  }

  LatencySettings withCorrelator(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(correlator);
    m.put(key, value);
    return new LatencySettings(name, m, sink);
  }

  LatencySettings withSink(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(sink);
    m.put(key, value);
    return new LatencySettings(name, correlator, m);
  }

  LatencySettings named(String newName) {
    return new LatencySettings(newName, correlator, sink);
  }

  /** For the report: {@code correlator {a=1}, sink {b=2}}, or "none" for the defaults. */
  String describe() {
    if (correlator.isEmpty() && sink.isEmpty()) {
      return "none (component defaults)";
    }
    return "correlator " + sorted(correlator) + ", sink " + sorted(sink);
  }

  private static String sorted(Map<String, Object> m) {
    return m.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
  }
}
