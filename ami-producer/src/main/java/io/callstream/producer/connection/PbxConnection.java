package io.callstream.producer.connection;

import io.callstream.producer.ami.AmiAction;
import io.callstream.producer.ami.AmiLogin;
import io.callstream.producer.ami.AmiSession;
import io.callstream.producer.ami.AmiStreamListener;
import io.callstream.producer.ami.AuthenticationRejected;
import io.callstream.producer.config.PbxConfig;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.metrics.PbxMetrics;
import io.callstream.producer.publish.FrameHandoff;
import io.callstream.producer.publish.SessionSequencer;
import io.callstream.schemas.ami.AmiFrame;
import io.callstream.schemas.ami.InvalidFrame;
import io.callstream.schemas.logging.LogKeys;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps one PBX connected for as long as the producer runs: connect, log in, CONNECTED, volume
 * filters, resync, keep-alive pings, and on any end DISCONNECTED with the reason, then a
 * classified, bounded wait before the next attempt. Runs on its own supervisor thread; the
 * socket is read on the session's reader thread.
 */
public final class PbxConnection {

  private static final Logger LOG = LoggerFactory.getLogger(PbxConnection.class);
  private static final Duration READER_STOP_WAIT = Duration.ofSeconds(5);
  private static final Duration LOGOFF_WAIT = Duration.ofSeconds(1);
  private static final Duration HANDOFF_CHECK = Duration.ofMillis(100);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final PbxConfig pbx;
  private final ProducerConfig config;
  private final FrameHandoff handoff;
  private final PbxMetrics metrics;
  private final Clock clock;
  private final Backoff backoff;
  private final Resync resync;
  private final SessionSetup setup;
  private final Thread supervisor;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile CompletableFuture<Ended> current = new CompletableFuture<>();
  private volatile PbxHealth health;
  private final Object readyLock = new Object();
  private AmiSession ready;

  public PbxConnection(PbxConfig pbx, ProducerConfig config, FrameHandoff handoff,
      PbxMetrics metrics, Clock clock, RandomGenerator random) {
    this.pbx = pbx;
    this.config = config;
    this.handoff = handoff;
    this.metrics = metrics;
    this.clock = clock;
    this.backoff = new Backoff(config.reconnectInitialDelay(), config.reconnectMaxDelay(),
        config.reconnectJitter(), random);
    this.resync = new Resync(config.resyncActions(), config.resyncTimeout());
    this.setup = new SessionSetup(pbx, config.loginTimeout());
    this.health = new PbxHealth(pbx.pbxId(), ConnectionState.CONNECTING, null, null, null,
        clock.instant());
    this.supervisor = new Thread(this::supervise, "ami-" + pbx.pbxId());
    supervisor.setDaemon(true);
  }

  public void start() {
    supervisor.start();
  }

  public PbxHealth health() {
    return health;
  }

  public String pbxId() {
    return pbx.pbxId();
  }

  /** Kafka refused a record of this PBX: the current session has a hole, so it is restarted. */
  public void onSendFailure(Exception error) {
    current.complete(new Ended(SessionEnd.KAFKA_SEND_FAILED,
        "Kafka refused a record: " + error.getClass().getSimpleName()));
  }

  /** Ends the current session (for operators and tests), as if the connection had dropped. */
  public void restart(String reason) {
    current.complete(new Ended(SessionEnd.CONNECTION_LOST, reason));
  }

  private void supervise() {
    MDC.put(LogKeys.PBX_ID, pbx.pbxId());
    int authRejections = 0;
    boolean first = true;
    try {
      while (!stopping) {
        if (!first) {
          metrics.reconnect();
        }
        first = false;
        state(ConnectionState.CONNECTING, null, health.lastError());
        Instant began = clock.instant();
        Ended ended = runSession();
        if (stopping || ended.kind().retry() == SessionEnd.Retry.STOP) {
          break;
        }
        Duration delay;
        if (ended.kind().retry() == SessionEnd.Retry.AUTH) {
          authRejections++;
          metrics.authFailure();
          if (authRejections > config.authMaxRetries()) {
            LOG.warn("PBX {}: login still rejected after {} attempts; giving up (state FAILED)",
                pbx.pbxId(), authRejections);
            state(ConnectionState.FAILED, null, ended.reason());
            return;
          }
          delay = config.authRetryDelay();
          logAuthRejection(ended, authRejections, delay);
        } else {
          authRejections = 0;
          if (Duration.between(began, clock.instant()).compareTo(config.reconnectMaxDelay()) >= 0) {
            backoff.reset();
          }
          delay = backoff.next();
          LOG.warn("PBX {}: {} ({}); reconnect attempt {} in {} ms", pbx.pbxId(), ended.reason(),
              ended.kind(), backoff.attempts(), delay.toMillis());
        }
        state(ConnectionState.WAITING, null, ended.reason());
        if (stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS) || !awaitRoomInHandoff()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    state(ConnectionState.STOPPED, null, health.lastError());
  }

  /**
   * Reconnecting while Kafka has not taken the buffered records would only drop frames again,
   * so wait until the hand-off is at most half full. False when stopping.
   */
  private boolean awaitRoomInHandoff() throws InterruptedException {
    if (handoff.depth() > handoff.capacity() / 2) {
      LOG.warn("PBX {}: waiting for Kafka to take {} buffered records before reconnecting",
          pbx.pbxId(), handoff.depth());
    }
    while (handoff.depth() > handoff.capacity() / 2) {
      if (stopped.await(HANDOFF_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
        return false;
      }
    }
    return true;
  }

  private void logAuthRejection(Ended ended, int rejections, Duration delay) {
    if (rejections == 1) {
      LOG.error("PBX {}: {}. Check ami.pbx.{}.username and the secret behind ami.pbx.{}.secret.env "
          + "or .secret.file, and the user's permit/deny in manager.conf. Retrying {} more time(s), "
          + "every {} ms (ami.auth.max.retries, ami.auth.retry.delay.ms).", pbx.pbxId(),
          ended.reason(), pbx.pbxId(), pbx.pbxId(), config.authMaxRetries(), delay.toMillis());
    } else {
      LOG.warn("PBX {}: login rejected again, attempt {}/{}, next in {} ms", pbx.pbxId(),
          rejections, config.authMaxRetries() + 1, delay.toMillis());
    }
  }

  private Ended runSession() throws InterruptedException {
    String connectionId = UUID.randomUUID().toString();
    CompletableFuture<Ended> ended = new CompletableFuture<>();
    current = ended;
    if (stopping) {
      return new Ended(SessionEnd.SHUTDOWN, "producer stopping");
    }
    SessionSequencer sequencer = new SessionSequencer(pbx.pbxId(), connectionId, handoff, clock,
        metrics, reason -> ended.complete(new Ended(SessionEnd.HANDOFF_FULL, reason)));
    OutputStream capture = openCapture(connectionId);
    AmiSession session;
    try {
      session = AmiSession.connect(pbx.host(), pbx.port(), pbx.tls(), config.connectTimeout(),
          config.frameMaxBytes(), capture, listener(sequencer, ended), "ami-read-" + pbx.pbxId(),
          "cs-" + connectionId.substring(0, 8));
    } catch (IOException e) {
      closeQuietly(capture);
      return new Ended(SessionEnd.CONNECT_FAILED, "cannot connect to " + pbx.host() + ":"
          + pbx.port() + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    try {
      Ended loginFailure = login(session, sequencer, connectionId);
      if (loginFailure != null) {
        return loginFailure;
      }
      String version = setup.detectVersion(session);
      if (version != null) {
        state(ConnectionState.CONNECTED, connectionId, null, version);
      }
      setup.applyFilters(session);
      resync.run(session, sequencer, ended);
      ready(session);
      return keepAlive(session, ended);
    } finally {
      ready(null);
      Ended end = ended.getNow(new Ended(SessionEnd.CONNECTION_LOST, "session ended"));
      if (end.kind() == SessionEnd.SHUTDOWN) {
        logoff(session);
      }
      session.close(end.reason());
      session.awaitReaderStopped(READER_STOP_WAIT);
      closeQuietly(capture);
      if (health.state() == ConnectionState.CONNECTED) {
        metrics.connected(false);
        metrics.gap();
        sequencer.disconnected(end.reason());
        LOG.info("PBX {}: disconnected ({}), connection {}, {} frames dropped", pbx.pbxId(),
            end.reason(), connectionId, sequencer.dropped());
      }
    }
  }

  private void ready(AmiSession session) {
    synchronized (readyLock) {
      ready = session;
      readyLock.notifyAll();
    }
  }

  /**
   * The logged-in, resynchronised session, waiting up to {@code timeout} for one; empty when the
   * PBX is not connected by then (or the producer stops). Actions sent on it fail when it ends.
   */
  public Optional<AmiSession> awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (readyLock) {
      while (ready == null && !stopping) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return Optional.empty();
        }
        readyLock.wait(left);
      }
      return Optional.ofNullable(ready);
    }
  }

  private Ended login(AmiSession session, SessionSequencer sequencer, String connectionId)
      throws InterruptedException {
    try {
      String banner = AmiLogin.login(session, pbx.username(), pbx.secret(), pbx.eventMask(),
          config.loginTimeout());
      sequencer.open(banner);
      metrics.connected(true);
      state(ConnectionState.CONNECTED, connectionId, null);
      LOG.info("PBX {}: connected to {}:{} as '{}' ({}), connection {}", pbx.pbxId(), pbx.host(),
          pbx.port(), pbx.username(), banner, connectionId);
      return null;
    } catch (AuthenticationRejected e) {
      return new Ended(SessionEnd.AUTH_REJECTED, e.getMessage());
    } catch (TimeoutException e) {
      return new Ended(SessionEnd.LOGIN_TIMEOUT, "no banner or login answer within "
          + config.loginTimeout().toMillis() + " ms");
    } catch (ExecutionException e) {
      return new Ended(SessionEnd.CONNECTION_LOST, "connection lost during login: "
          + e.getCause().getMessage());
    }
  }

  private Ended keepAlive(AmiSession session, CompletableFuture<Ended> ended)
      throws InterruptedException {
    while (true) {
      try {
        return ended.get(config.keepaliveInterval().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException idle) {
        ping(session, ended);
      } catch (ExecutionException e) {
        return new Ended(SessionEnd.CONNECTION_LOST, e.getCause().toString());
      }
    }
  }

  private void ping(AmiSession session, CompletableFuture<Ended> ended) throws InterruptedException {
    try {
      session.send(AmiAction.of("Ping")).get(config.keepaliveTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      ended.complete(new Ended(SessionEnd.KEEPALIVE_TIMEOUT, "no Ping answer within "
          + config.keepaliveTimeout().toMillis() + " ms (dead or half-open TCP connection)"));
    } catch (ExecutionException e) {
      ended.complete(new Ended(SessionEnd.CONNECTION_LOST, e.getCause().getMessage()));
    }
  }

  private void logoff(AmiSession session) throws InterruptedException {
    try {
      session.send(AmiAction.of("Logoff")).get(LOGOFF_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("PBX {}: no Logoff answer ({})", pbx.pbxId(), e.getClass().getSimpleName());
    }
  }

  private AmiStreamListener listener(SessionSequencer sequencer, CompletableFuture<Ended> ended) {
    return new AmiStreamListener() {
      @Override
      public void onFrame(AmiFrame frame) {
        sequencer.onFrame(frame);
      }

      @Override
      public void onInvalid(InvalidFrame invalid) {
        sequencer.onInvalid(invalid);
      }

      @Override
      public void onClosed(String reason) {
        ended.complete(new Ended(SessionEnd.CONNECTION_LOST, reason));
      }
    };
  }

  private OutputStream openCapture(String connectionId) {
    if (config.captureDir().isEmpty()) {
      return null;
    }
    Path file = config.captureDir().get().resolve(pbx.pbxId() + "-" + connectionId + ".ami");
    try {
      Files.createDirectories(file.getParent());
      return new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    } catch (IOException e) {
      LOG.warn("PBX {}: cannot write capture file {} ({}); continuing without capture",
          pbx.pbxId(), file, e.toString());
      return null;
    }
  }

  private static void closeQuietly(OutputStream out) {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // A capture is a debugging aid; failing to close it must not end the connection.
      }
    }
  }

  private void state(ConnectionState state, String connectionId, String lastError) {
    state(state, connectionId, lastError, health.asteriskVersion());
  }

  private void state(ConnectionState state, String connectionId, String lastError, String version) {
    health = new PbxHealth(pbx.pbxId(), state, connectionId, version, lastError, clock.instant());
  }

  /** Asks the connection to log off, publish DISCONNECTED and stop reconnecting; returns at once. */
  public void stop() {
    stopping = true;
    ready(null);
    current.complete(new Ended(SessionEnd.SHUTDOWN, "producer shutting down"));
    stopped.countDown();
  }

  /** Waits for {@link #stop()} to finish. */
  public void awaitStopped() throws InterruptedException {
    supervisor.join(STOP_WAIT.toMillis());
    if (supervisor.isAlive()) {
      // Still waiting for room for its DISCONNECTED marker while Kafka is down: give up on it.
      LOG.warn("PBX {}: could not publish the final DISCONNECTED marker (Kafka unavailable)", pbx.pbxId());
      supervisor.interrupt();
      supervisor.join(STOP_WAIT.toMillis());
    }
  }
}
