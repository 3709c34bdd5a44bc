package io.callstream.deploy.tools;

import static io.callstream.deploy.tools.InspectCommandIT.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.deploy.tools.InspectCommandIT.Run;
import io.callstream.kafka.embedded.KafkaBroker;
import io.callstream.kafka.embedded.KafkaBrokerExtension;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.ami.AmiCapture;
import io.callstream.schemas.ami.RecordedCalls;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class ReplayFromTopicIT {

  @Test
  void shouldReplayOnePbxsSliceOfTheRawTopic(KafkaBroker kafka) throws Exception {
    ToolsFixture f = new ToolsFixture(kafka.bootstrapServers());
    f.send(f.topics.amiEvents(), "office", session("office", "ring_group"));
    f.send(f.topics.amiEvents(), "branch", session("branch", "outbound_busy"));

    Run office = run("replay", "--from-topic", "--pbx-id", "office", "--format", "json",
        "--bootstrap-servers", kafka.bootstrapServers(), "--topic-prefix", f.prefix);
    Run outOfRange = run("replay", "--from-topic", "--pbx-id", "office", "--format", "json",
        "--from", "2026-11-25T00:00:00Z", "--bootstrap-servers", kafka.bootstrapServers(),
        "--topic-prefix", f.prefix);

    assertThat(office.exit()).as(office.err()).isZero();
    assertThat(office.out()).contains("\"type\":\"summary\",\"callId\":\"office/")
        .contains("\"line\":\"74951234600\"").doesNotContain("79993456789");
    assertThat(outOfRange.out()).doesNotContain("summary");
  }

  private static List<AmiEvent> session(String pbx, String scenario) throws Exception {
    return AmiCapture.session(new ByteArrayInputStream(RecordedCalls.capture(scenario)), scenario,
        pbx, "c-" + scenario, Instant.parse("2026-11-24T01:50:00Z")).events();
  }
}
