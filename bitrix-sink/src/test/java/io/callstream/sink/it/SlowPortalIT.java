package io.callstream.sink.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.sink.BitrixSink;
import io.callstream.sink.emulator.BitrixEmulator;
import io.callstream.sink.emulator.EmulatorConfig;
import io.callstream.sink.emulator.Ledger;
import io.callstream.sink.fixtures.Lifecycles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each portal has its own dispatching lane: a portal whose Bitrix24 answers every request after
 * seconds does not delay another portal's cards, even when both portals' commands share one
 * partition of the outbox.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class SlowPortalIT {

  private static final int PARTITIONS = 2;
  private static final Duration SLOW = Duration.ofSeconds(6);

  @TempDir
  Path stateDir;

  private static int partition(String portal) {
    return Utils.toPositive(Utils.murmur2(portal.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
  }

  /** A portal id whose commands land in the same outbox partition as {@code main}'s. */
  private static String samePartitionAsMain() {
    for (int i = 0; ; i++) {
      if (partition("slow" + i) == partition("main")) {
        return "slow" + i;
      }
    }
  }

  @Test
  void aPortalAnsweringSlowlyDoesNotDelayAnotherPortalsCards(KafkaBroker kafka) throws Exception {
    String slowId = samePartitionAsMain();
    try (BitrixEmulator fast = BitrixEmulator.start(EmulatorConfig.builder().build());
        BitrixEmulator slow = BitrixEmulator.start(EmulatorConfig.builder().latency(SLOW).build());
        SinkHarness h = new SinkHarness(kafka, fast, stateDir)) {
      h.config.put("bitrix.portals", "main," + slowId);
      h.config.put("bitrix.portal." + slowId + ".webhook.url", slow.webhookUrl());
      h.config.put("sink.pbx.ids", "pbx1,pbx2");
      h.config.put("sink.pbx.pbx2.portal", slowId);
      h.config.put("bitrix.http.timeout.ms", "20000");
      try (BitrixSink sink = h.startSink()) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        for (int i = 0; i < 5; i++) {
          h.publish(Lifecycles.inboundAnswered("pbx2", "pbx2/slow." + i, t.plusSeconds(i)));
        }
        // The slow portal's lane is now inside its first request (user.get, then the registers).
        await().atMost(Duration.ofSeconds(20)).until(() -> slow.ledger().requests() > 0);
        long published = System.nanoTime();
        for (int i = 0; i < 5; i++) {
          h.publish(Lifecycles.queueRingAll("pbx1", "pbx1/fast." + i, t.plusSeconds(i)));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> h.finishedCalls() == 5);
        Duration fastTook = Duration.ofNanos(System.nanoTime() - published);
        long slowFinished = slow.ledger().calls().stream().filter(Ledger.Call::finished).count();
        System.out.printf("fast portal: 5 calls finished %d ms after publishing; slow portal "
            + "(%d s per request): %d of 5 finished by then%n", fastTook.toMillis(),
            SLOW.toSeconds(), slowFinished);
        assertThat(fastTook).as("the fast portal waited for no slow request")
            .isLessThan(SLOW);
        assertThat(slowFinished).as("the slow portal was still busy meanwhile").isZero();
        assertThat(fast.ledger().calls()).allSatisfy(c -> assertThat(c.openCards()).isEmpty());

        await().atMost(Duration.ofSeconds(90)).until(() -> slow.ledger().calls().stream()
            .filter(Ledger.Call::finished).count() == 5);
        assertThat(slow.ledger().calls()).hasSize(5)
            .allSatisfy(c -> assertThat(c.finishRequests()).isEqualTo(1));
        assertThat(sink.health().healthy()).isTrue();
      }
    }
  }
}
