package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.config.SinkConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code crm.bitrix.commands} (key portal, so the consumer group gives each portal exactly
 * one owner) and hands each portal's commands to that portal's own {@link PortalLane}, so a slow
 * portal holds up only itself. This thread never waits for a portal: it reads, commits an offset
 * only once every command before it has its outcome written and flushed, pauses a partition that
 * has too much open work, and keeps the lanes consistent across rebalances (a revoked
 * partition's commands are dropped between two requests, never during one; the outcome index is
 * replaced while every lane is held between two requests).
 */
public final class CommandDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
  private static final int PAUSE_ABOVE = 5_000;
  private static final long COMMIT_EVERY_MILLIS = 200;
  private static final Duration POLL = Duration.ofMillis(100);

  private final SinkConfig config;
  private final Topics topics;
  private final Properties kafka;
  private final Map<String, BitrixClient> clients;
  private final Clock clock;
  private final SinkMetrics metrics;
  private final Random random;
  private final DedupWindow window;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean abort = new AtomicBoolean(false);
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final Thread thread;
  private final Map<String, PortalLane> lanes = new LinkedHashMap<>();
  private final Map<String, OutcomeIndex> loaded = new LinkedHashMap<>();
  private final Map<TopicPartition, Boolean> readToEnd = new ConcurrentHashMap<>();
  private final OffsetTracker tracker = new OffsetTracker();
  private KafkaConsumer<String, BitrixCommand> consumer;
  private KafkaProducer<String, Object> producer;
  private Admin admin;
  private OutcomePublisher publisher;
  private volatile boolean alive;

  public CommandDispatcher(SinkConfig config, Topics topics, Properties kafka,
      Map<String, BitrixClient> clients, Clock clock, SinkMetrics metrics, Random random) {
    this.config = config;
    this.topics = topics;
    this.kafka = kafka;
    this.clients = Map.copyOf(clients);
    this.clock = clock;
    this.metrics = metrics;
    this.random = random;
    this.window = new DedupWindow(config.dedupRetention());
    this.thread = new Thread(this::run, "bitrix-dispatcher");
  }

  public void start() {
    alive = true;
    thread.start();
  }

  /** The reading thread and every portal's lane are running. */
  public boolean alive() {
    return alive && thread.isAlive() && lastError.get() == null;
  }

  public String lastError() {
    return lastError.get();
  }

  private void run() {
    try {
      consumer = new KafkaConsumer<>(consumerProps(), topics.bitrixCommands().keySerde().deserializer(),
          topics.bitrixCommands().valueSerde().deserializer());
      producer = new KafkaProducer<>(producerProps(), topics.bitrixOutcomes().keySerde().serializer(),
          new RecordSerializer(topics));
      publisher = new OutcomePublisher(producer, topics, tracker, clock, metrics, this::redact);
      admin = Admin.create(adminProps());
      OutcomeTopicCheck.warnIfTooShort(kafka, topics.bitrixOutcomes().name(),
          config.dedupRetention().plus(DedupWindow.MARGIN));
      consumer.subscribe(List.of(topics.bitrixCommands().name()), new Rebalance());
      long lastCommit = clock.millis();
      while (running.get() && lastError.get() == null) {
        for (ConsumerRecord<String, BitrixCommand> r : consumer.poll(POLL)) {
          accept(r);
        }
        noteLag();
        if (clock.millis() - lastCommit >= COMMIT_EVERY_MILLIS) {
          commit();
          lastCommit = clock.millis();
        }
        applyBackpressure();
      }
    } catch (WakeupException e) {
      // close() or abort() asked the loop to stop.
    } catch (RuntimeException e) {
      lastError.set(e.toString());
      LOG.error("Bitrix24 dispatcher stopped", e);
    } finally {
      shutdown();
    }
  }

  private void accept(ConsumerRecord<String, BitrixCommand> r) {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    tracker.read(tp, r.offset(), r.value() != null);
    if (r.value() == null) {
      return;
    }
    Pending p = new Pending(tp, r.offset(), r.value(), r.timestamp());
    String portal = r.value().getPortalId();
    PortalConfig pc = config.portals().get(portal);
    if (pc == null) {
      new IndexedRecorder(publisher, new OutcomeIndex()).deadLetter(p, "portal '" + portal
          + "' is not configured in " + SinkConfig.PORTALS, "PERMANENT", null);
      return;
    }
    lanes.computeIfAbsent(portal, id -> lane(pc)).offer(p);
  }

  private PortalLane lane(PortalConfig pc) {
    OutcomeIndex index = loaded.getOrDefault(pc.id(), new OutcomeIndex());
    loaded.put(pc.id(), index);
    PortalDispatcher pd = new PortalDispatcher(pc, config, clients.get(pc.id()), index,
        new IndexedRecorder(publisher, index), metrics, clock.millis(), random,
        tp -> readToEnd.getOrDefault(tp, false),
        new CorrelatorProgress(pc.id(), config, topics.amiEvents(), admin, clock));
    return new PortalLane(pc.id(), pd, index, window, clock, e -> {
      lastError.compareAndSet(null, "portal " + pc.id() + ": " + e);
      consumer.wakeup();
    }).start();
  }

  /** Which partitions have been read to their end (their CRM-call timeouts may fire). */
  private void noteLag() {
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(tp);
      readToEnd.put(tp, lag.isPresent() && lag.getAsLong() == 0);
    }
  }

  private String redact(String portalId, String text) {
    BitrixClient c = clients.get(portalId);
    return c == null ? text : c.redactor().redact(text);
  }

  /** Snapshot first, then flush: every outcome of a done record is durable before its commit. */
  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
    if (!offsets.isEmpty()) {
      producer.flush();
      consumer.commitSync(offsets);
    }
  }

  /** A partition whose open work piles up (its portals are slow) stops being read for a while. */
  private void applyBackpressure() {
    Set<TopicPartition> pause = new HashSet<>();
    Set<TopicPartition> resume = new HashSet<>();
    for (TopicPartition tp : consumer.assignment()) {
      int open = tracker.open(tp);
      if (open > PAUSE_ABOVE) {
        pause.add(tp);
      } else if (open < PAUSE_ABOVE / 5) {
        resume.add(tp);
      }
    }
    pause.removeAll(consumer.paused());
    resume.retainAll(consumer.paused());
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!abort.get()) {
        // After an abort the lanes are abandoned: nothing of theirs is committed anyway.
        lanes.values().forEach(l -> l.drop(partitions));
        commit();
      }
      tracker.forget(partitions);
      partitions.forEach(readToEnd::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      lanes.values().forEach(PortalLane::pause);
      try {
        producer.flush();
        // Another instance may have sent commands of these partitions: learn what it recorded.
        Map<String, OutcomeIndex> fresh = OutcomeLoader.load(kafka, topics.bitrixOutcomes(),
            window.outcomesCutoff(clock.millis()));
        loaded.forEach((portal, index) -> index.replaceWith(
            fresh.getOrDefault(portal, new OutcomeIndex())));
        fresh.forEach(loaded::putIfAbsent);
        LOG.info("Dispatcher owns {}; {} outcomes known", partitions,
            loaded.values().stream().mapToInt(OutcomeIndex::size).sum());
      } finally {
        lanes.values().forEach(PortalLane::resume);
      }
    }
  }

  private Properties consumerProps() {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId() + "-dispatcher");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
    return p;
  }

  private Properties adminProps() {
    Properties p = new Properties();
    p.putAll(kafka);
    p.remove("state.dir");
    return p;
  }

  private Properties producerProps() {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return p;
  }

  /** Stops after each lane's current request, commits what is done and closes. */
  @Override
  public void close() {
    stop();
  }

  /** Stops at once without committing or flushing, as a killed process would. */
  public void abort() {
    abort.set(true);
    stop();
  }

  private void stop() {
    running.set(false);
    if (consumer != null) {
      consumer.wakeup();
    }
    try {
      thread.join(config.httpTimeout().plusSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void shutdown() {
    alive = false;
    // A lane in the middle of a request finishes it (a killed process would not; an abort does
    // not wait for it, and what it then writes may or may not reach Kafka, as after a crash).
    Duration wait = abort.get() ? Duration.ofMillis(100) : config.httpTimeout().plusSeconds(5);
    lanes.values().forEach(PortalLane::signalStop);
    long deadline = System.nanoTime() + wait.toNanos();
    lanes.values().forEach(l -> l.awaitStop(deadline));
    try {
      if (producer != null) {
        if (abort.get()) {
          producer.close(Duration.ZERO);
        } else {
          commit();
          producer.close(Duration.ofSeconds(10));
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Dispatcher shutdown: {}", e.toString());
    } finally {
      if (consumer != null) {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(abort.get() ? 0 : 10)));
      }
      if (admin != null) {
        admin.close(Duration.ofSeconds(abort.get() ? 0 : 5));
      }
    }
  }
}
