package io.callstream.correlator;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.correlator.replay.OfflineReplay;
import io.callstream.schemas.CallEventType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Why each phone stopped ringing, on the recorded calls (RING_ENDED reasons, in order). */
class RingReasonsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "inbound_answered            | 101:answered",
      "inbound_no_answer           | 101:caller-gave-up",
      "inbound_busy                | 101:busy",
      "queue_ringall_answered      | 102:answered 101:answered-elsewhere",
      "queue_abandon               | 101:caller-gave-up 102:caller-gave-up",
      "queue_rrmemory_timeout_next | 101:no-answer 102:answered",
      "ring_group                  | 102:answered-elsewhere 101:answered",
      "followme                    | 101:answered-elsewhere"})
  void ringEndReasons(String scenario, String expected) {
    List<String> actual = new OfflineReplay(CorrelatorConfig.defaults())
        .replayEvents(Ami.PBX, Ami.session(scenario, "c1")).lifecycle().stream()
        .filter(e -> e.getType() == CallEventType.RING_ENDED)
        .map(e -> e.getExtension() + ":" + e.getReason()).toList();
    assertThat(actual).containsExactly(expected.trim().split(" "));
  }
}
