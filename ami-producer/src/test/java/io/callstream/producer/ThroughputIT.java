package io.callstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.metrics.PbxMetrics;
import io.callstream.producer.publish.FrameHandoff;
import io.callstream.producer.publish.SessionSequencer;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.ami.AmiFrame;
import io.callstream.schemas.ami.AmiFrameListener;
import io.callstream.schemas.ami.AmiFrameReader;
import io.callstream.schemas.ami.InvalidFrame;
import io.callstream.schemas.ami.RecordedCalls;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measurement, not a timed test: frames per second from the simulators' sockets to
 * acknowledged by Kafka, for one PBX and for ten, after a warm-up run (the JIT and the producer's
 * metadata). Simulators, producer and broker share this machine's CPUs, so the number is a lower
 * bound for the producer. It asserts only that every frame read was acknowledged.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ThroughputIT {

  private static final Logger LOG = LoggerFactory.getLogger(ThroughputIT.class);
  private static final List<String> SCENARIOS =
      List.of("inbound_answered", "queue_ringall_answered", "concurrent_mix");
  private static final int PASSES = 40;

  @Test
  void shouldMeasureFramesPerSecondFromSocketToAcknowledgedInKafka(KafkaBroker kafka)
      throws Exception {
    measure(kafka, 1, "warm-up");
    measure(kafka, 1, "measured");
    measure(kafka, 10, "measured");
    producerPathOnly();
  }

  /**
   * The producer's own work per frame without sockets or broker: frame parsing, numbering into
   * an AmiEvent, and Avro serialisation, on two threads as in production.
   */
  private static void producerPathOnly() throws Exception {
    byte[] capture = RecordedCalls.capture("concurrent_mix");
    // Without the banner line, so the capture can be fed again and again as one stream.
    int bodyStart = new String(capture, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2;
    AtomicLong fed = new AtomicLong();
    FrameHandoff handoff = new FrameHandoff(1 << 16);
    SessionSequencer sequencer = new SessionSequencer("bench", "bench", handoff, Clock.systemUTC(),
        new PbxMetrics(new SimpleMeterRegistry(), "bench", handoff::depth), reason -> { });
    sequencer.open("bench");
    Serializer<AmiEvent> serializer = Topics.defaults().amiEvents().valueSerde().serializer();
    AtomicLong serialized = new AtomicLong();
    Thread drainer = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          SpecificRecord r = handoff.poll(Duration.ofMillis(50));
          if (r instanceof AmiEvent e) {
            serializer.serialize("bench", e);
            serialized.incrementAndGet();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    drainer.start();
    AmiFrameReader reader = new AmiFrameReader(1 << 20, new AmiFrameListener() {
        @Override
        public void onFrame(AmiFrame frame) {
          while (handoff.depth() > (1 << 15)) {
            Thread.onSpinWait();
          }
          sequencer.onFrame(frame);
          fed.incrementAndGet();
        }

        @Override
        public void onInvalid(InvalidFrame invalid) {
          throw new AssertionError(invalid.detail());
        }
      });
    int passes = 200;
    long begin = System.nanoTime();
    for (int i = 0; i < passes; i++) {
      reader.feed(capture, bodyStart, capture.length - bodyStart);
    }
    long frames = fed.get();
    assertThat(sequencer.dropped()).isZero();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
        .until(() -> serialized.get() >= frames);
    double seconds = (System.nanoTime() - begin) / 1e9;
    drainer.interrupt();
    LOG.info("THROUGHPUT (producer path only: parse, number, serialise): {} frames in {} s = {} frames/s",
        frames, String.format("%.2f", seconds), String.format("%.0f", frames / seconds));
  }

  private static void measure(KafkaBroker kafka, int pbxs, String label) throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 4);
    List<AmiSimulator> sims = AmiSimulator.startMany(pbxs, SimulatorConfig.ofScenarios(
        ItSupport.USER, ItSupport.SECRET, SCENARIOS).withLoops(Math.max(1, PASSES / pbxs), 1));
    try {
      Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
      for (int i = 0; i < pbxs; i++) {
        keys.putAll(ItSupport.pbxKeys("pbx" + i, sims.get(i)));
      }
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      AtomicDouble maxDepth = new AtomicDouble();
      long begin = System.nanoTime();
      AmiProducer producer = AmiProducer.start(ProducerConfig.fromMap(keys, ItSupport::env),
          topics, ItSupport.kafka(kafka), registry);
      try {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(5))
            .until(() -> maxDepth.accumulateAndGet(depth(registry), Math::max) >= 0
                && sims.stream().allMatch(s -> s.stats().finished())
                && sum(registry, PbxMetrics.FRAMES_READ)
                    >= sims.stream().mapToLong(s -> s.stats().framesReplayed()).sum());
        double read = sum(registry, PbxMetrics.FRAMES_READ);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(5))
            .until(() -> sum(registry, PbxMetrics.RECORDS_ACKED) >= read);
        double seconds = (System.nanoTime() - begin) / 1e9;
        LOG.info("THROUGHPUT ({}): {} PBX(s), {} frames read and acknowledged in {} s = {} frames/s; "
            + "largest hand-off depth seen {}", label, pbxs, (long) read, String.format("%.2f", seconds),
            String.format("%.0f", read / seconds), (long) maxDepth.get());
        assertThat(sum(registry, PbxMetrics.DROPPED_FRAMES)).isZero();
        assertThat(sum(registry, PbxMetrics.SEND_ERRORS)).isZero();
      } finally {
        producer.close();
      }
    } finally {
      sims.forEach(AmiSimulator::close);
    }
  }

  private static double depth(SimpleMeterRegistry registry) {
    return registry.find(PbxMetrics.HANDOFF_DEPTH).gauges().stream().mapToDouble(Gauge::value).sum();
  }

  /** A max accumulator for doubles. */
  private static final class AtomicDouble {
    private final java.util.concurrent.atomic.AtomicLong bits = new java.util.concurrent.atomic.AtomicLong();

    double accumulateAndGet(double value, java.util.function.DoubleBinaryOperator op) {
      return Double.longBitsToDouble(bits.accumulateAndGet(Double.doubleToLongBits(value),
          (a, b) -> Double.doubleToLongBits(op.applyAsDouble(Double.longBitsToDouble(a), Double.longBitsToDouble(b)))));
    }

    double get() {
      return Double.longBitsToDouble(bits.get());
    }
  }

  private static double sum(SimpleMeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }
}
