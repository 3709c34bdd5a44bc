package io.callstream.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.producer.capture.CapturePublisher;
import io.callstream.producer.capture.CaptureRecorder;
import io.callstream.producer.config.PbxConfig;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.config.Secret;
import io.callstream.producer.simulator.AmiSimulator;
import io.callstream.producer.simulator.SimulatorConfig;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.ami.AmiCapture;
import io.callstream.schemas.ami.AmiEvents;
import io.callstream.schemas.ami.RecordedCalls;
import io.callstream.schemas.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Capture files: recording a live session, the producer's capture directory, publishing one. */
@ExtendWith(KafkaBrokerExtension.class)
class CaptureIT {

  private static final String SCENARIO = "inbound_busy";

  @Test
  void shouldRecordALiveSessionByteForByteAndPublishItAsOneGapFreeSession(KafkaBroker kafka,
      @TempDir Path dir) throws Exception {
    Path file = dir.resolve("bug-report.ami");
    try (AmiSimulator sim = AmiSimulator.start(
        SimulatorConfig.ofScenarios(ItSupport.USER, ItSupport.SECRET, List.of(SCENARIO)))) {
      PbxConfig pbx = PbxConfig.of("pbx1", sim.host(), sim.port(), ItSupport.USER, Secret.of(ItSupport.SECRET));
      CountDownLatch stop = new CountDownLatch(1);
      CompletableFuture<CaptureRecorder.Recording> recording = CompletableFuture.supplyAsync(() -> {
        try {
          return CaptureRecorder.record(pbx, file, Duration.ofSeconds(30), stop, Duration.ofSeconds(2));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofSeconds(20)).until(() -> sim.stats().finished());
      stop.countDown();
      assertThat(recording.get(20, TimeUnit.SECONDS).frames()).isGreaterThan(315);
    }
    byte[] bytes = Files.readAllBytes(file);
    assertThat(new String(bytes, 0, 30, StandardCharsets.UTF_8)).startsWith("Asterisk Call Manager/11.0.0\r\n");
    List<AmiEvent> recorded = AmiCapture.session(file, "pbx1", "c", Instant.EPOCH).events();
    assertThat(ItSupport.asyncEvents(recorded).stream().skip(1).map(AmiEvents::frameBytes).toList())
        .usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(fixtureEvents());

    Topics topics = ItSupport.freshTopics(kafka, 1);
    List<Instant> pbxTimes = recorded.stream().map(AmiEvent::getPbxTime).filter(t -> t != null).toList();
    Duration span = Duration.between(pbxTimes.get(0), pbxTimes.get(pbxTimes.size() - 1));
    double speed = span.toMillis() / 300.0;
    CapturePublisher publisher = new CapturePublisher(topics, ItSupport.kafka(kafka));
    long begin = System.nanoTime();
    CapturePublisher.Published published = publisher.publish(file, "replayed", speed);
    Duration took = Duration.ofNanos(System.nanoTime() - begin);
    assertThat(published.records()).isEqualTo(recorded.size());
    List<AmiEvent> topic = AmiProducerIT.byPbx(TopicReader.readUntil(kafka, topics.amiEvents(),
        r -> r.size() >= recorded.size(), Duration.ofSeconds(30))).get("replayed");
    AmiProducerIT.assertOneGapFreeSession(topic);
    assertThat(topic.stream().map(AmiEvents::frameBytes).toList())
        .usingElementComparator(java.util.Arrays::compare)
        .containsExactlyElementsOf(recorded.stream().map(AmiEvents::frameBytes).toList());
    // At real time x (span / 300 ms) the whole capture takes about 300 ms.
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(270));
  }

  @Test
  void shouldWriteEachLiveSessionToTheCaptureDirectory(KafkaBroker kafka, @TempDir Path dir)
      throws Exception {
    Topics topics = ItSupport.freshTopics(kafka, 1);
    try (AmiSimulator sim = AmiSimulator.start(
        SimulatorConfig.ofScenarios(ItSupport.USER, ItSupport.SECRET, List.of(SCENARIO)))) {
      Map<String, String> keys = new HashMap<>(ItSupport.fastTimings());
      keys.putAll(ItSupport.pbxKeys("pbx1", sim));
      keys.put("ami.capture.dir", dir.toString());
      AmiProducer producer = AmiProducer.start(ProducerConfig.fromMap(keys, ItSupport::env),
          topics, ItSupport.kafka(kafka), new SimpleMeterRegistry());
      try {
        await().atMost(Duration.ofSeconds(20)).until(() -> sim.stats().finished());
      } finally {
        producer.close();
      }
      List<AmiEvent> published = TopicReader.readUntil(kafka, topics.amiEvents(),
          r -> r.stream().anyMatch(x -> x.value().getKind() == AmiFrameKind.DISCONNECTED),
          Duration.ofSeconds(30)).stream().map(r -> r.value()).toList();
      Path file = dir.resolve("pbx1-" + published.get(0).getConnectionId() + ".ami");
      List<AmiEvent> captured = AmiCapture.session(file, "pbx1", "c", Instant.EPOCH).events();
      List<byte[]> publishedFrames = published.stream().filter(AmiEvents::isFrame).map(AmiEvents::frameBytes).toList();
      List<byte[]> capturedFrames = captured.stream().filter(AmiEvents::isFrame).map(AmiEvents::frameBytes).toList();
      assertThat(capturedFrames).usingElementComparator(java.util.Arrays::compare)
          .containsExactlyElementsOf(publishedFrames);
    }
  }

  private static List<byte[]> fixtureEvents() throws Exception {
    return AmiCapture.session(new ByteArrayInputStream(RecordedCalls.capture(SCENARIO)), SCENARIO,
            "p", "c", Instant.EPOCH).events().stream()
        .filter(e -> e.getKind() == AmiFrameKind.EVENT).map(AmiEvents::frameBytes).toList();
  }
}
