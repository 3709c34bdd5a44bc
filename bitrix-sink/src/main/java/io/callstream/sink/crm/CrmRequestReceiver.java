package io.callstream.sink.crm;

import io.callstream.schemas.topics.Topics;
import io.callstream.sink.LogContext;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.config.EventsMode;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.dispatch.Backoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the portals' CRM-started calls (click-to-call, callback requests) and turns each into
 * one {@code PbxCommand} on {@code pbx.commands}: by polling the offline event queue, or through
 * the HTTP handler, per portal. Binds the events at start. One thread polls and (re)binds; the
 * handler has its own threads.
 */
public final class CrmRequestReceiver implements AutoCloseable {

  /** Requests wait on Bitrix24 at most this many attempts (fewer if bitrix.retry.max.attempts is). */
  static final int MAX_ATTEMPTS = 4;
  private static final Logger LOG = LoggerFactory.getLogger(CrmRequestReceiver.class);

  /** Mutable per-portal state, owned by the receiver thread; published through {@link #status()}. */
  private static final class Portal {
    final PortalConfig config;
    final EventBinder binder;
    final OfflinePoller poller;
    volatile boolean bound;
    volatile Instant lastSuccess;
    volatile String lastError;
    volatile long received;
    int failures;
    long nextBindAt;
    long nextPollAt;

    Portal(PortalConfig config, EventBinder binder, OfflinePoller poller) {
      this.config = config;
      this.binder = binder;
      this.poller = poller;
    }
  }

  private final SinkConfig config;
  private final Clock clock;
  private final Backoff backoff;
  private final RequestPublisher publisher;
  private final Map<String, Portal> portals = new LinkedHashMap<>();
  private final EventHandlerServer handler;
  private final Thread thread;
  private volatile boolean running = true;

  CrmRequestReceiver(SinkConfig config, Map<String, BitrixClient> clients,
      RequestPublisher publisher, PublishedCommands published, Clock clock,
      MeterRegistry metrics) {
    this.config = config;
    this.clock = clock;
    this.publisher = publisher;
    this.backoff = new Backoff(config.retryInitial(), config.retryMax(), new Random());
    BoundedCalls calls = new BoundedCalls(Math.min(MAX_ATTEMPTS, config.maxAttempts()), backoff,
        this::pause);
    Map<String, CommandFactory> factories = new LinkedHashMap<>();
    Map<String, String> tokens = new LinkedHashMap<>();
    Map<String, String> memberIds = new LinkedHashMap<>();
    for (PortalConfig p : enabled(config)) {
      BitrixClient client = clients.get(p.id());
      factories.put(p.id(), new CommandFactory(p,
          new AgentLookup(client, calls, config.usersRefresh()),
          new CallbackRegistrar(client, calls, p), clock));
      p.events().applicationToken().filter(t -> p.events().mode() == EventsMode.HANDLER)
          .ifPresent(t -> tokens.put(p.id(), t));
      p.events().memberId().ifPresent(m -> memberIds.put(p.id(), m));
    }
    RequestProcessor processor = new RequestProcessor(factories, publisher, published,
        new CrmCallWatch(config, clock), clock, metrics);
    for (PortalConfig p : enabled(config)) {
      BitrixClient client = clients.get(p.id());
      OfflinePoller poller = p.events().mode() == EventsMode.OFFLINE
          ? new OfflinePoller(p.id(), client, processId(config, p), processor, calls, clock) : null;
      portals.put(p.id(), new Portal(p, new EventBinder(client, calls), poller));
    }
    this.handler = tokens.isEmpty() ? null
        : new EventHandlerServer(config.receiver(), new ApplicationTokens(tokens), memberIds,
            processor, clock);
    this.thread = new Thread(this::run, "bitrix-crm-requests");
    thread.setDaemon(true);
  }

  /**
   * Starts receiving for every portal whose {@code events.mode} is not {@code off}.
   *
   * @param clients the portals' clients, shared with the dispatcher (see
   *     {@link io.callstream.sink.client.PortalClients})
   * @param kafka client properties ({@code bootstrap.servers}, security)
   */
  public static CrmRequestReceiver start(SinkConfig config, Topics topics, Properties kafka,
      Map<String, BitrixClient> clients, Clock clock, MeterRegistry metrics) {
    PublishedCommands published = PublishedCommands.load(topics, kafka, clock.millis());
    RequestPublisher publisher = KafkaRequestPublisher.create(topics, kafka,
        config.applicationId() + "-crm-requests");
    CrmRequestReceiver r = new CrmRequestReceiver(config, clients, publisher, published, clock,
        metrics);
    r.begin();
    LOG.info("Receiving CRM requests for portals {}{}", r.portals.keySet(), r.handlerAddress()
        .map(a -> "; event handler on " + a + config.receiver().handlerPath()).orElse(""));
    return r;
  }

  CrmRequestReceiver begin() {
    thread.start();
    return this;
  }

  /** True when any portal receives events, i.e. when {@link #start} has work to do. */
  public static boolean wanted(SinkConfig config) {
    return !enabled(config).isEmpty();
  }

  private static List<PortalConfig> enabled(SinkConfig config) {
    return config.portals().values().stream()
        .filter(p -> p.events().mode() != EventsMode.OFF).toList();
  }

  /**
   * The offline queue's process id: fixed per sink and portal, so a restarted receiver gets back
   * the events it read but had not cleared (see {@link OfflinePoller}).
   */
  static String processId(SinkConfig config, PortalConfig portal) {
    return config.applicationId() + "-" + portal.id();
  }

  /** Where the handler listens (its real port when configured with port 0), if any portal uses it. */
  public Optional<InetSocketAddress> handlerAddress() {
    return Optional.ofNullable(handler).map(EventHandlerServer::address);
  }

  public List<ReceiverStatus> status() {
    return portals.values().stream().map(p -> new ReceiverStatus(p.config.id(),
        p.config.events().mode(), p.bound, Optional.ofNullable(p.lastSuccess),
        Optional.ofNullable(p.lastError), p.received)).toList();
  }

  private void run() {
    try {
      while (running) {
        long wake = Long.MAX_VALUE;
        for (Portal p : portals.values()) {
          LogContext portal = LogContext.call(p.config.id(), null, null);
          try {
            wake = Math.min(wake, step(p));
          } finally {
            portal.restore();
          }
        }
        long sleep = wake - clock.millis();
        if (sleep > 0) {
          Thread.sleep(Math.min(sleep, config.receiver().pollInterval().toMillis()));
        }
      }
    } catch (InterruptedException e) {
      // close() stops the loop; a round cut short cleared nothing it had not published.
    } catch (RuntimeException e) {
      LOG.error("CRM request receiver stopped", e);
      portals.values().forEach(p -> p.lastError = "receiver stopped: " + e);
    }
  }

  /** Binds or polls one portal if due; returns when it is due next. */
  private long step(Portal p) throws InterruptedException {
    long now = clock.millis();
    if (!p.bound) {
      if (now < p.nextBindAt) {
        return p.nextBindAt;
      }
      try {
        List<String> changes = p.binder.ensure(p.config.events());
        p.bound = true;
        p.failures = 0;
        p.lastError = null;
        if (p.poller == null) {
          p.lastSuccess = clock.instant();
        }
        LOG.info("portal {}: events bound for {} mode{}", p.config.id(),
            p.config.events().mode(), changes.isEmpty() ? " (already)" : ": " + changes);
      } catch (EventBinder.BindException e) {
        fail(p, e.getMessage(), now);
        p.nextBindAt = p.nextPollAt;
        return p.nextBindAt;
      }
    }
    if (p.poller == null) {
      return Long.MAX_VALUE;
    }
    if (now < p.nextPollAt) {
      return p.nextPollAt;
    }
    try {
      OfflinePoller.Round round = p.poller.pollOnce();
      p.received += round.received();
      p.lastSuccess = clock.instant();
      p.failures = 0;
      p.lastError = round.clearError().orElse(null);
      round.clearError().ifPresent(err -> LOG.warn("portal {}: {}; the events come back and are "
          + "cleared next round", p.config.id(), err));
      // A full page means more may be waiting: read on without pausing.
      p.nextPollAt = round.received() >= OfflinePoller.LIMIT && round.clearError().isEmpty()
          ? now : now + config.receiver().pollInterval().toMillis();
    } catch (OfflinePoller.PollException e) {
      fail(p, e.getMessage(), now);
    }
    return p.nextPollAt;
  }

  /**
   * The wait between attempts. OkHttp clears the interrupt flag when {@link #close()} interrupts a
   * request, so the running flag stops the retries too.
   */
  private void pause(long millis) throws InterruptedException {
    if (!running) {
      throw new InterruptedException("receiver closed");
    }
    Thread.sleep(millis);
  }

  private void fail(Portal p, String message, long now) {
    p.failures++;
    p.lastError = message;
    long delay = Math.max(config.receiver().pollInterval().toMillis(), backoff.delayMillis(p.failures));
    p.nextPollAt = now + delay;
    LOG.warn("portal {}: {} (attempt {}, next in {} ms)", p.config.id(), message, p.failures, delay);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (handler != null) {
      handler.close();
    }
    publisher.close();
  }
}
