package io.callstream.producer.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.callstream.producer.ami.AmiAction;
import io.callstream.producer.ami.AmiLogin;
import io.callstream.producer.ami.AmiReply;
import io.callstream.producer.ami.AmiSession;
import io.callstream.producer.ami.AmiStreamListener;
import io.callstream.producer.ami.AuthenticationRejected;
import io.callstream.producer.config.Secret;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.ami.AmiFrame;
import io.callstream.schemas.ami.InvalidFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;

/** The simulator speaks AMI well enough for asterisk-java and for our own client. */
class AmiSimulatorTest {

  private static final String USER = "crm";
  private static final String SECRET = "sim-secret";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static SimulatorConfig config(String... scenarios) {
    return SimulatorConfig.ofScenarios(USER, SECRET, List.of(scenarios));
  }

  @Test
  void shouldLetAsteriskJavaLogInPingAndReceiveTypedEvents() throws Exception {
    try (AmiSimulator sim = AmiSimulator.start(config("inbound_answered"))) {
      sim.pauseAt(0);
      ManagerConnection connection =
          new ManagerConnectionFactory(sim.host(), sim.port(), USER, SECRET).createManagerConnection();
      List<ManagerEvent> events = new CopyOnWriteArrayList<>();
      connection.addEventListener(events::add);
      connection.login();
      try {
        assertThat(connection.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
        ManagerResponse pong = connection.sendAction(new PingAction(), 5000);
        assertThat(pong.getResponse()).isEqualTo("Success");
        assertThat(pong.getAttribute("ping")).isEqualTo("Pong");
        sim.resume();
        await().atMost(TIMEOUT).until(() -> sim.stats().finished());
        await().atMost(TIMEOUT).until(() -> events.stream().filter(NewChannelEvent.class::isInstance).count() == 2);
        assertThat(sim.stats().logins()).isEqualTo(1);
        assertThat(connection.getVersion().toString()).contains("22");
      } finally {
        connection.logoff();
      }
    }
  }

  @Test
  void shouldAnswerCoreShowChannelsWithTheChannelsAliveInTheReplay() throws Exception {
    try (AmiSimulator sim = AmiSimulator.start(config("inbound_answered"))) {
      sim.pauseAt(290);
      ManagerConnection connection =
          new ManagerConnectionFactory(sim.host(), sim.port(), USER, SECRET).createManagerConnection();
      connection.login();
      try {
        await().atMost(TIMEOUT).until(() -> sim.stats().framesReplayed() == 290);
        List<String> live = sim.liveChannels();
        assertThat(live).isNotEmpty();
        var answer = connection.sendEventGeneratingAction(new CoreShowChannelsAction(), 5000);
        List<CoreShowChannelEvent> items = answer.getEvents().stream()
            .filter(CoreShowChannelEvent.class::isInstance).map(CoreShowChannelEvent.class::cast).toList();
        assertThat(items).extracting(CoreShowChannelEvent::getUniqueid).containsExactlyInAnyOrderElementsOf(live);
        // Paused after both BridgeEnters: the two channels are in the one live bridge.
        assertThat(sim.liveBridges()).hasSize(1);
        assertThat(items).extracting(CoreShowChannelEvent::getBridgeid)
            .containsOnly(sim.liveBridges().get(0));
      } finally {
        connection.logoff();
      }
    }
  }

  @Test
  void shouldLetOurClientLogInWithMd5AndRejectAWrongSecret() throws Exception {
    try (AmiSimulator sim = AmiSimulator.start(config("inbound_answered")
        .withAuthFailureDelay(Duration.ofMillis(10)))) {
      sim.pauseAt(0);
      Recorder ok = new Recorder();
      try (AmiSession session = connect(sim, ok)) {
        assertThat(AmiLogin.login(session, USER, Secret.of(SECRET), "on", TIMEOUT))
            .isEqualTo("Asterisk Call Manager/11.0.0");
        AmiReply settings = session.send(AmiAction.of("CoreSettings")).get(5, TimeUnit.SECONDS);
        assertThat(settings.header("AsteriskVersion")).isEqualTo("22.10.1");
        AmiReply bridges = session.sendList(AmiAction.of("BridgeList")).get(5, TimeUnit.SECONDS);
        assertThat(bridges.items()).extracting(AmiFrame::eventName).containsExactly("BridgeListComplete");
        AmiReply unknown = session.send(AmiAction.of("NoSuchAction")).get(5, TimeUnit.SECONDS);
        assertThat(unknown.isSuccess()).isFalse();
        assertThat(unknown.header("Message")).isEqualTo("Invalid/unknown command");
      }
      try (AmiSession session = connect(sim, new Recorder())) {
        assertThatThrownBy(() -> AmiLogin.login(session, USER, Secret.of("wrong"), "on", TIMEOUT))
            .isInstanceOf(AuthenticationRejected.class)
            .hasMessageContaining("rejected by the PBX: Authentication failed")
            .hasMessageNotContaining("wrong");
      }
      assertThat(sim.stats().loginFailures()).isEqualTo(1);
    }
  }

  @Test
  void shouldReplayConcurrentStreamsAndLoopsAsDifferentCalls() throws Exception {
    SimulatorConfig config = config("inbound_answered").withLoops(2, 3);
    try (AmiSimulator sim = AmiSimulator.start(config)) {
      List<AmiFrame> frames = replayToEnd(sim);
      Set<String> uniqueids = ConcurrentHashMap.newKeySet();
      Set<String> channels = ConcurrentHashMap.newKeySet();
      frames.stream().filter(f -> "Newchannel".equals(f.eventName())).forEach(f -> {
        uniqueids.add(AmiReply.header(f, "Uniqueid"));
        channels.add(AmiReply.header(f, "Channel"));
      });
      // inbound_answered has 2 channels; 3 streams x 2 passes = 6 generations of them.
      assertThat(uniqueids).hasSize(12);
      assertThat(channels).hasSize(12);
      assertThat(sim.stats().framesReplayed()).isEqualTo(6L * 334);
      assertThat(sim.liveChannels()).isEmpty();
    }
  }

  @Test
  void shouldReplayManyConcurrentStreamsOnOneThreadWhenAsked() throws Exception {
    SimulatorConfig config = config("inbound_answered").withLoops(1, 100).withSingleReplayThread();
    try (AmiSimulator sim = AmiSimulator.start(config)) {
      assertThat(replayThreads(sim)).isEqualTo(1);
      List<AmiFrame> frames = replayToEnd(sim);
      Set<String> uniqueids = ConcurrentHashMap.newKeySet();
      frames.stream().filter(f -> "Newchannel".equals(f.eventName()))
          .forEach(f -> uniqueids.add(AmiReply.header(f, "Uniqueid")));
      assertThat(uniqueids).hasSize(200);
      assertThat(sim.stats().framesReplayed()).isEqualTo(100L * 334);
      assertThat(sim.liveChannels()).isEmpty();
    }
  }

  @Test
  void shouldSendTheSameFramesOnOneThreadAsWithAThreadPerStream() throws Exception {
    SimulatorConfig config = config("inbound_answered").withLoops(2, 3);

    List<String> perStream = replayed(config);
    List<String> oneThread = replayed(config.withSingleReplayThread());

    // 3 streams x 2 passes of 334 events, plus the login's FullyBooted.
    assertThat(oneThread).hasSize(2 * 3 * 334 + 1).containsExactlyInAnyOrderElementsOf(perStream);
  }

  @Test
  void shouldStampTheReplayWithItsClockLikeALivePbxWhenAsked() throws Exception {
    Instant now = Instant.parse("2026-12-01T09:30:00Z");
    SimulatorConfig config = config("inbound_answered").withLoops(2, 1).withTimesFromClock();
    try (AmiSimulator sim = AmiSimulator.start(config, 0, Clock.fixed(now, ZoneOffset.UTC))) {
      List<AmiFrame> frames = replayToEnd(sim);
      List<Double> stamps = frames.stream().map(f -> AmiReply.header(f, "Timestamp"))
          .filter(t -> t != null).map(Double::parseDouble).toList();
      assertThat(stamps).hasSizeGreaterThan(600);
      // The first pass starts at the clock, and the second follows it: times only move forward.
      assertThat(stamps.get(0)).isCloseTo(now.getEpochSecond(), org.assertj.core.data.Offset.offset(0.001));
      assertThat(stamps).isSorted();
      assertThat(stamps.get(stamps.size() - 1)).isLessThan(now.getEpochSecond() + 600.0);
    }
  }

  @Test
  void shouldKeepARealTimeClockWhileReplayingFasterThanRecorded() throws Exception {
    // inbound_answered spans 6.6 s, so two passes at 4x are sent within about 3.6 s.
    SimulatorConfig config = config("inbound_answered").withSpeed(4).withLoops(2, 2).withTimesFromClock();
    try (AmiSimulator sim = AmiSimulator.start(config)) {
      Recorder recorder = new Recorder();
      try (AmiSession session = connect(sim, recorder)) {
        AmiLogin.login(session, USER, Secret.of(SECRET), "on", TIMEOUT);
        await().atMost(TIMEOUT).until(() -> sim.stats().finished());
        session.send(AmiAction.of("Ping")).get(5, TimeUnit.SECONDS);
      }
      List<Long> stamps = recorder.frames.stream().map(AmiFrame::pbxTimeMicros)
          .filter(t -> t != null).toList();
      assertThat(stamps).hasSizeGreaterThan(1300);
      // Never stamped later than it arrived (each frame is stamped with when it is due to be sent).
      assertThat(recorder.stampAheadOfArrivalMicros).hasSameSizeAs(stamps).allSatisfy(ahead ->
          assertThat(ahead).isLessThan(5_000L));
      assertThat(Collections.max(stamps) - Collections.min(stamps)).isBetween(3_500_000L, 3_700_000L);
    }
  }

  @Test
  void shouldApplyLegacyFiltersPerSession() throws Exception {
    try (AmiSimulator sim = AmiSimulator.start(config("inbound_answered"))) {
      sim.pauseAt(0);
      Recorder recorder = new Recorder();
      try (AmiSession session = connect(sim, recorder)) {
        AmiLogin.login(session, USER, Secret.of(SECRET), "on", TIMEOUT);
        AmiReply added = session.send(AmiAction.of("Filter").header("Operation", "Add")
            .header("Filter", "!Event: (VarSet|Newexten)")).get(5, TimeUnit.SECONDS);
        assertThat(added.isSuccess()).isTrue();
        sim.resume();
        await().atMost(TIMEOUT).until(() -> sim.stats().finished());
        session.send(AmiAction.of("Ping")).get(5, TimeUnit.SECONDS);
      }
      // 334 events, 186 VarSet and 110 Newexten; plus the login's FullyBooted.
      assertThat(recorder.frames).hasSize(334 - 186 - 110 + 1)
          .noneMatch(f -> "VarSet".equals(f.eventName()) || "Newexten".equals(f.eventName()));
    }
  }

  private static List<String> replayed(SimulatorConfig config) throws Exception {
    try (AmiSimulator sim = AmiSimulator.start(config)) {
      return replayToEnd(sim).stream().map(f -> f.headers().toString()).toList();
    }
  }

  /** Logs in, lets the replay run to its end, and returns the events this session received. */
  private static List<AmiFrame> replayToEnd(AmiSimulator sim) throws Exception {
    Recorder recorder = new Recorder();
    try (AmiSession session = connect(sim, recorder)) {
      AmiLogin.login(session, USER, Secret.of(SECRET), "on", TIMEOUT);
      await().atMost(TIMEOUT).until(() -> sim.stats().finished());
      // The Ping's answer comes after every event sent before it.
      session.send(AmiAction.of("Ping")).get(5, TimeUnit.SECONDS);
    }
    return recorder.frames;
  }

  private static long replayThreads(AmiSimulator sim) {
    String prefix = "ami-sim-replay-" + sim.port();
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
  }

  private static AmiSession connect(AmiSimulator sim, AmiStreamListener listener) throws Exception {
    return AmiSession.connect(sim.host(), sim.port(), false, Duration.ofSeconds(2), 1 << 20, null,
        listener, "test-reader", "t");
  }

  private static final class Recorder implements AmiStreamListener {
    final List<AmiFrame> frames = new CopyOnWriteArrayList<>();
    final List<Long> stampAheadOfArrivalMicros = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.systemUTC();

    @Override
    public void onFrame(AmiFrame frame) {
      if (frame.kind() == AmiFrameKind.EVENT) {
        frames.add(frame);
        if (frame.pbxTimeMicros() != null) {
          stampAheadOfArrivalMicros.add(frame.pbxTimeMicros()
              - ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()));
        }
      }
    }

    @Override
    public void onInvalid(InvalidFrame invalid) {
      throw new AssertionError(invalid.detail());
    }

    @Override
    public void onClosed(String reason) {
      // The tests look at frames only.
    }
  }
}
