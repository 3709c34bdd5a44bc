package io.callstream.producer.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A PBX that speaks AMI on 127.0.0.1 and replays recorded captures: banner, Challenge/Login
 * (plain and MD5), Logoff, Ping, CoreSettings, CoreShowChannels (the channels alive in the
 * replay), BridgeList, QueueStatus (waiting callers) and ParkedCalls from the replay, an empty Status list, Events, Filter, Originate.
 * One timeline per simulator, sent to every logged-in client, like a real PBX: what happens
 * while a client is disconnected is lost for it.
 *
 * <p>Used by the demo, the tests and the benchmarks; {@link #start} it, point AMI clients at
 * {@link #port()}, {@link #close()} it.
 */
public final class AmiSimulator implements AutoCloseable {

  private static final String LOOPBACK = "127.0.0.1";

  private final SimulatorConfig config;
  private final ServerSocket server;
  private final Clock clock;
  private final List<ClientSession> sessions = new CopyOnWriteArrayList<>();
  private final ChannelTable channels = new ChannelTable();
  private final WaitingTable waiting = new WaitingTable();
  private final List<Thread> threads = new ArrayList<>();
  private final List<Map<String, String>> actions = new CopyOnWriteArrayList<>();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong logins = new AtomicLong();
  private final AtomicLong loginFailures = new AtomicLong();
  private final AtomicInteger runningStreams = new AtomicInteger();
  private final Object timeline = new Object();
  private long replayed;
  private long pauseAt = -1;
  private boolean started;
  private volatile boolean closed;
  private volatile boolean unresponsive;
  private volatile OriginateOutcome originateOutcome = OriginateOutcome.ANSWERED;
  private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();

  private AmiSimulator(SimulatorConfig config, ServerSocket server, Clock clock) {
    this.config = config;
    this.server = server;
    this.clock = clock;
  }

  /** Starts a simulated PBX on a free port of 127.0.0.1. */
  public static AmiSimulator start(SimulatorConfig config) throws IOException {
    return start(config, 0, Clock.systemUTC());
  }

  /** Starts a simulated PBX on {@code port} of 127.0.0.1 (0 = any free port). */
  public static AmiSimulator start(SimulatorConfig config, int port, Clock clock) throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 50);
    AmiSimulator simulator = new AmiSimulator(config, server, clock);
    simulator.begin();
    return simulator;
  }

  /** Starts {@code count} independent simulated PBXs (a load generator), each on its own port. */
  public static List<AmiSimulator> startMany(int count, SimulatorConfig config) throws IOException {
    List<AmiSimulator> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(start(config));
    }
    return all;
  }

  private void begin() {
    List<CaptureScript> scripts = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : config.captures().entrySet()) {
      scripts.add(CaptureScript.parse(e.getKey(), e.getValue()));
    }
    long total = 0;
    for (CaptureScript s : scripts) {
      total += s.spanMicros();
    }
    long offset = total / config.concurrentCalls();
    runningStreams.set(config.concurrentCalls());
    if (config.singleReplayThread()) {
      daemon(new ReplayLoop(scripts, config, this, offset), "ami-sim-replay-" + port());
    } else {
      for (int i = 0; i < config.concurrentCalls(); i++) {
        daemon(new ReplayStream(i, scripts, config, this, offset), "ami-sim-replay-" + port() + "-" + i);
      }
    }
    daemon(this::acceptLoop, "ami-sim-accept-" + port());
  }

  private void daemon(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    threads.add(t);
    t.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public String host() {
    return LOOPBACK;
  }

  /** Closes every client connection, as a network failure or an Asterisk restart would. */
  public void dropConnections() {
    for (ClientSession s : sessions) {
      s.close();
    }
  }

  /**
   * While true, clients' actions get no answer (the socket stays open), like a PBX behind a
   * half-open TCP connection: only a keep-alive timeout can notice.
   */
  public void setUnresponsive(boolean unresponsive) {
    this.unresponsive = unresponsive;
  }

  boolean unresponsive() {
    return unresponsive;
  }

  /** Holds the replay before frame number {@code frames} (counted from 0 over all streams). */
  public void pauseAt(long frames) {
    synchronized (timeline) {
      pauseAt = frames;
      timeline.notifyAll();
    }
  }

  public void resume() {
    synchronized (timeline) {
      pauseAt = -1;
      timeline.notifyAll();
    }
  }

  /**
   * Every action clients sent, oldest first, header names lower-cased; the login's Secret and
   * Key are removed, so tests can look at what a client asked for.
   */
  public List<Map<String, String>> receivedActions() {
    return List.copyOf(actions);
  }

  /**
   * Every byte clients sent, in arrival order (all clients together): the raw socket capture
   * injection tests look at. Contains the login lines (with the MD5 Key, or a plain Secret).
   */
  public byte[] receivedBytes() {
    synchronized (received) {
      return received.toByteArray();
    }
  }

  void receivedByte(int b) {
    synchronized (received) {
      received.write(b);
    }
  }

  /** How the next Originates end (default {@link OriginateOutcome#ANSWERED}). */
  public void setOriginateOutcome(OriginateOutcome outcome) {
    this.originateOutcome = outcome;
  }

  OriginateOutcome originateOutcome() {
    return originateOutcome;
  }

  /**
   * Plays an Originate's events into the timeline, {@link OriginateCall#STEP_MILLIS} apart, on
   * its own thread (the Originate was asynchronous) or on the caller's (it was not: Asterisk
   * then blocks the session until the first leg answered).
   */
  void playOriginate(OriginateCall call, boolean async) {
    Runnable play = () -> {
      try {
        for (List<io.callstream.schemas.AmiHeader> frame : call.events()) {
          Thread.sleep(OriginateCall.STEP_MILLIS);
          broadcast(OriginateCall.stamped(frame, clock.millis() * 1000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    if (async) {
      daemon(play, "ami-sim-originate-" + port());
    } else {
      play.run();
    }
  }

  private void broadcast(List<io.callstream.schemas.AmiHeader> headers) {
    byte[] bytes = OriginateCall.bytes(headers);
    synchronized (timeline) {
      channels.apply(headers.get(0).getValue(), headers);
      waiting.apply(headers.get(0).getValue(), headers);
      for (ClientSession s : sessions) {
        if (s.receivesEvents() && s.accepts(bytes)) {
          s.write(bytes, true);
        }
      }
    }
  }

  /** Uniqueids of the channels alive at this point of the replay. */
  public List<String> liveChannels() {
    return channels.uniqueids();
  }

  /** BridgeUniqueids of the bridges alive at this point of the replay. */
  public List<String> liveBridges() {
    return channels.bridgeIds();
  }

  public SimulatorStats stats() {
    long frames;
    synchronized (timeline) {
      frames = replayed;
    }
    return new SimulatorStats(connections.get(), logins.get(), loginFailures.get(), frames,
        channels.size(), sessions.size(), runningStreams.get() == 0);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        connections.incrementAndGet();
        ClientSession session = new ClientSession(socket, this, config);
        sessions.add(session);
        daemon(session, "ami-sim-client-" + port() + "-" + connections.get());
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  Clock clock() {
    return clock;
  }

  void loggedIn(ClientSession session) {
    logins.incrementAndGet();
    synchronized (timeline) {
      started = true;
      timeline.notifyAll();
    }
  }

  void received(Map<String, String> action) {
    Map<String, String> copy = new java.util.LinkedHashMap<>(action);
    copy.remove("secret");
    copy.remove("key");
    actions.add(copy);
  }

  void loginFailed() {
    loginFailures.incrementAndGet();
  }

  void removed(ClientSession session) {
    sessions.remove(session);
  }

  void awaitStart() throws InterruptedException {
    synchronized (timeline) {
      while (config.startOnFirstLogin() && !started && !closed) {
        timeline.wait(100);
      }
    }
  }

  /** Sends one replayed event to every logged-in client and keeps the channel table current. */
  void replay(ScriptFrame frame) throws InterruptedException {
    synchronized (timeline) {
      while (pauseAt >= 0 && replayed >= pauseAt && !closed) {
        flushAll();
        timeline.wait(100);
      }
      replayed++;
      String eventName = frame.headers().isEmpty() ? null : frame.headers().get(0).getValue();
      channels.apply(eventName, frame.headers());
      waiting.apply(eventName, frame.headers());
      for (ClientSession s : sessions) {
        if (s.receivesEvents() && s.accepts(frame.bytes())) {
          s.write(frame.bytes(), false);
        }
      }
    }
  }

  /** Answers in the timeline's order, so the snapshot matches the events the client has seen. */
  void answerCoreShowChannels(ClientSession session, String actionId) {
    synchronized (timeline) {
      session.write(channels.coreShowChannels(actionId), true);
    }
  }

  void answerQueueStatus(ClientSession session, String actionId) {
    synchronized (timeline) {
      session.write(waiting.queueStatus(actionId), true);
    }
  }

  void answerParkedCalls(ClientSession session, String actionId) {
    synchronized (timeline) {
      session.write(waiting.parkedCalls(actionId), true);
    }
  }

  void answerBridgeList(ClientSession session, String actionId) {
    synchronized (timeline) {
      session.write(channels.bridgeList(actionId), true);
    }
  }

  void flushAll() {
    for (ClientSession s : sessions) {
      s.flush();
    }
  }

  void streamFinished() {
    runningStreams.decrementAndGet();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing the listening socket cannot fail in a way that matters here.
    }
    dropConnections();
    for (Thread t : threads) {
      t.interrupt();
    }
  }

}
