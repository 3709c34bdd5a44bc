package io.callstream.sink;

import io.callstream.schemas.streams.LowLatencyStreams;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.OAuthAuthenticator;
import io.callstream.sink.client.PortalClients;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.crm.CrmRequestReceiver;
import io.callstream.sink.dispatch.CommandDispatcher;
import io.callstream.sink.dispatch.SinkMetrics;
import io.callstream.sink.stream.PlanningTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running sink: the planning stream (lifecycle → commands) and the dispatcher (commands →
 * Bitrix24). Start it with {@link #start}; close it to stop gracefully.
 */
public final class BitrixSink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BitrixSink.class);

  private final KafkaStreams streams;
  private final CommandDispatcher dispatcher;
  private final MeterRegistry registry;
  private final AtomicReference<String> streamsError = new AtomicReference<>();
  private volatile CrmRequestReceiver crmRequests;

  private BitrixSink(KafkaStreams streams, CommandDispatcher dispatcher, MeterRegistry registry) {
    this.streams = streams;
    this.dispatcher = dispatcher;
    this.registry = registry;
  }

  /**
   * Starts the sink with its own metrics registry and the system clock.
   *
   * @param kafka client properties ({@code bootstrap.servers}, security...); Streams settings such
   *     as {@code state.dir} may be included too
   */
  public static BitrixSink start(SinkConfig config, Topics topics, Properties kafka) {
    return start(config, topics, kafka, new SimpleMeterRegistry(), Clock.systemUTC());
  }

  public static BitrixSink start(SinkConfig config, Topics topics, Properties kafka,
      MeterRegistry registry, Clock clock) {
    return start(config, topics, kafka, registry, clock, (portal, tokens) ->
        LOG.warn("portal {}: OAuth tokens rotated and kept in memory only; pass a token listener "
            + "to BitrixSink.start to persist them, or the next start needs fresh tokens", portal));
  }

  /** The planner's Streams settings: the caller's Kafka settings plus the sink's own. */
  static Properties plannerProperties(SinkConfig config, Properties kafka) {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId() + "-planner");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.processingGuarantee());
    LowLatencyStreams.applyDefaults(p, config.processingGuarantee());
    return p;
  }

  /**
   * @param onTokensRotated called with the portal id and the new OAuth pair after every refresh:
   *     Bitrix24 rotates the refresh token, so it must be persisted for the next start
   */
  public static BitrixSink start(SinkConfig config, Topics topics, Properties kafka,
      MeterRegistry registry, Clock clock,
      BiConsumer<String, OAuthAuthenticator.Tokens> onTokensRotated) {
    Map<String, BitrixClient> clients = PortalClients.create(config, onTokensRotated);
    KafkaStreams streams = new KafkaStreams(PlanningTopology.build(topics, config),
        plannerProperties(config, kafka));
    CommandDispatcher dispatcher = new CommandDispatcher(config, topics, kafka, clients, clock,
        new SinkMetrics(registry), new Random());
    BitrixSink sink = new BitrixSink(streams, dispatcher, registry);
    streams.setUncaughtExceptionHandler(e -> {
      sink.streamsError.set(e.toString());
      LOG.error("Planning stream failed; replacing the thread", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
          .StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    dispatcher.start();
    if (CrmRequestReceiver.wanted(config)) {
      try {
        // Same clients as the dispatcher: an OAuth refresh rotates the portal's refresh token.
        sink.crmRequests = CrmRequestReceiver.start(config, topics, kafka, clients, clock, registry);
      } catch (RuntimeException e) {
        sink.close();
        throw e;
      }
    }
    LOG.info("Bitrix24 sink started for portals {} (transfer mode {})", config.portals().keySet(),
        config.transferMode());
    return sink;
  }

  public SinkHealth health() {
    String error = streamsError.get() != null ? streamsError.get() : dispatcher.lastError();
    return new SinkHealth(streams.state().name(), dispatcher.alive(), error);
  }

  /**
   * The receiver of click-to-call and callback requests, when a portal's
   * {@code bitrix.portal.<p>.events.mode} is not {@code off}: its per-portal status and the
   * handler's address.
   */
  public Optional<CrmRequestReceiver> crmRequests() {
    return Optional.ofNullable(crmRequests);
  }

  public MeterRegistry metrics() {
    return registry;
  }

  /** Stops gracefully: finished work is committed, nothing is lost or sent twice. */
  @Override
  public void close() {
    if (crmRequests != null) {
      crmRequests.close();
    }
    dispatcher.close();
    // Leave the group: a restarted or other instance takes the partitions over at once instead of
    // after session.timeout.ms.
    streams.close(CloseOptions.groupMembershipOperation(
        CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
  }

  /**
   * Stops the dispatcher at once without committing offsets or flushing outcomes, as a killed
   * process would (for crash drills and tests): the next start re-reads and de-duplicates the
   * open work. The planning stream is closed normally and leaves its group; its exactly-once
   * transactions make a hard kill of it equivalent, only slower to rebalance.
   */
  public void abort() {
    if (crmRequests != null) {
      crmRequests.close();
    }
    dispatcher.abort();
    streams.close(CloseOptions.groupMembershipOperation(
        CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(Duration.ofSeconds(30)));
  }
}
