package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.OutcomeStatus;
import io.callstream.schemas.topics.Topics;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixError;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.config.SinkConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code crm.bitrix.commands} (key portal, so the consumer group gives each portal exactly
 * one owner), skips commands the outcomes topic says are done, drives one
 * {@link PortalDispatcher} per portal, records every outcome and dead letter, and commits an
 * offset only once everything before it has its outcome flushed.
 */
public final class CommandDispatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
  private static final int PAUSE_ABOVE = 5_000;
  private static final long COMMIT_EVERY_MILLIS = 200;
  private static final long FORGET_EVERY_MILLIS = 60_000;

  private final SinkConfig config;
  private final Topics topics;
  private final Properties kafka;
  private final Map<String, BitrixClient> clients;
  private final Clock clock;
  private final SinkMetrics metrics;
  private final Random random;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicBoolean abort = new AtomicBoolean(false);
  private final AtomicReference<String> lastError = new AtomicReference<>();
  private final Thread thread;
  private final Map<String, PortalDispatcher> portals = new HashMap<>();
  private final Map<TopicPartition, TreeSet<Long>> inFlight = new HashMap<>();
  private final Map<TopicPartition, Long> nextOffset = new HashMap<>();
  private final Map<TopicPartition, Boolean> readToEnd = new HashMap<>();
  private final OutcomeIndex index = new OutcomeIndex();
  private final DedupWindow window;
  private KafkaConsumer<String, BitrixCommand> consumer;
  private KafkaProducer<String, Object> producer;
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

  public boolean alive() {
    return alive && thread.isAlive();
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
      OutcomeTopicCheck.warnIfTooShort(kafka, topics.bitrixOutcomes().name(),
          config.dedupRetention().plus(DedupWindow.MARGIN));
      consumer.subscribe(List.of(topics.bitrixCommands().name()), new Rebalance());
      long lastCommit = clock.millis();
      long lastForget = clock.millis();
      long wait = 100;
      while (running.get()) {
        for (ConsumerRecord<String, BitrixCommand> r
            : consumer.poll(Duration.ofMillis(Math.max(1, Math.min(wait, 100))))) {
          accept(r);
        }
        noteLag();
        wait = Long.MAX_VALUE;
        for (PortalDispatcher pd : portals.values()) {
          wait = Math.min(wait, drive(pd));
        }
        if (clock.millis() - lastCommit >= COMMIT_EVERY_MILLIS) {
          commit();
          lastCommit = clock.millis();
        }
        if (clock.millis() - lastForget >= FORGET_EVERY_MILLIS) {
          int forgotten = index.forgetBefore(window.outcomesCutoff(clock.millis()));
          if (forgotten > 0) {
            LOG.info("Dispatcher forgot {} outcomes older than the dedup retention; {} kept",
                forgotten, index.size());
          }
          lastForget = clock.millis();
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

  /** Which partitions have been read to their end (their CRM-call timeouts may fire). */
  private void noteLag() {
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(tp);
      readToEnd.put(tp, lag.isPresent() && lag.getAsLong() == 0);
    }
  }

  private long drive(PortalDispatcher pd) {
    // A few requests per portal per round, so polling (and the other portals) are not starved.
    for (int i = 0; i < 3 && running.get(); i++) {
      long w = pd.step(clock.millis());
      if (w > 0) {
        return w;
      }
    }
    return 0;
  }

  private void accept(ConsumerRecord<String, BitrixCommand> r) {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    nextOffset.put(tp, r.offset() + 1);
    if (r.value() == null) {
      return;
    }
    Pending p = new Pending(tp, r.offset(), r.value(), r.timestamp());
    inFlight.computeIfAbsent(tp, t -> new TreeSet<>()).add(r.offset());
    PortalDispatcher pd = portal(r.value().getPortalId());
    if (pd == null) {
      recorder.deadLetter(p, "portal '" + r.value().getPortalId() + "' is not configured in "
          + SinkConfig.PORTALS, "PERMANENT", null);
      return;
    }
    pd.enqueue(p, clock.millis());
  }

  private PortalDispatcher portal(String id) {
    PortalConfig pc = config.portals().get(id);
    if (pc == null) {
      return null;
    }
    return portals.computeIfAbsent(id, k -> new PortalDispatcher(pc, config, clients.get(k), index,
        recorder, metrics, clock.millis(), random, tp -> readToEnd.getOrDefault(tp, false)));
  }

  private final OutcomeRecorder recorder = new OutcomeRecorder() {
    @Override
    public void outcome(Pending p, OutcomeStatus status, String bitrixCallId, BitrixError error) {
      BitrixCommand c = p.command;
      BitrixOutcome o = BitrixOutcome.newBuilder()
          .setCommandId(c.getCommandId()).setPortalId(c.getPortalId()).setCallId(c.getCallId())
          .setLegId(c.getLegId()).setKind(c.getKind()).setStatus(status)
          .setBitrixCallId(bitrixCallId)
          .setHttpStatus(error == null ? null : error.httpStatus())
          .setErrorCode(error == null ? null : error.code())
          .setErrorDescription(error == null ? null : redact(c.getPortalId(), error.description()))
          .setAttempts(p.failures + 1)
          .setCompletedAt(clock.instant())
          .build();
      index.add(o);
      producer.send(new ProducerRecord<>(topics.bitrixOutcomes().name(), c.getCallId(), o));
      metrics.command(c.getPortalId(), status.name());
      done(p);
    }

    @Override
    public void deadLetter(Pending p, String reason, String errorClass, BitrixError error) {
      BitrixCommand c = p.command;
      String safe = redact(c.getPortalId(), reason);
      LOG.warn("portal {}: dead letter {} {} of call {}: {}", c.getPortalId(), c.getKind(),
          c.getCommandId(), c.getCallId(), safe);
      producer.send(new ProducerRecord<>(topics.bitrixDeadLetter().name(), c.getPortalId(),
          BitrixDeadLetter.newBuilder().setCommand(c).setCallId(c.getCallId()).setReason(safe)
              .setErrorClass(errorClass)
              .setHttpStatus(error == null ? null : error.httpStatus())
              .setErrorCode(error == null ? null : error.code())
              .setAttempts(p.failures + (error == null ? 0 : 1))
              .setFailedAt(clock.instant()).build()));
      outcome(p, OutcomeStatus.DEAD_LETTERED, null, error);
    }

    @Override
    public void flush() {
      producer.flush();
    }

    @Override
    public void alreadyRecorded(Pending p) {
      done(p);
    }
  };

  private String redact(String portalId, String text) {
    BitrixClient c = clients.get(portalId);
    return c == null ? text : c.redactor().redact(text);
  }

  private void done(Pending p) {
    TreeSet<Long> set = inFlight.get(p.partition);
    if (set != null) {
      set.remove(p.offset);
    }
  }

  private void commit() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, Long> e : nextOffset.entrySet()) {
      TreeSet<Long> open = inFlight.get(e.getKey());
      long offset = open == null || open.isEmpty() ? e.getValue() : open.first();
      offsets.put(e.getKey(), new OffsetAndMetadata(offset));
    }
    if (!offsets.isEmpty()) {
      producer.flush();
      consumer.commitSync(offsets);
    }
  }

  private void applyBackpressure() {
    int pending = portals.values().stream().mapToInt(PortalDispatcher::pending).sum();
    if (pending > PAUSE_ABOVE) {
      consumer.pause(consumer.assignment());
    } else if (!consumer.paused().isEmpty() && pending < PAUSE_ABOVE / 5) {
      consumer.resume(consumer.paused());
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!abort.get()) {
        commit();
      }
      portals.values().forEach(pd -> pd.drop(partitions));
      partitions.forEach(tp -> {
        inFlight.remove(tp);
        nextOffset.remove(tp);
        readToEnd.remove(tp);
      });
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      producer.flush();
      // Another instance may have sent commands of these partitions: learn what it recorded.
      index.replaceWith(OutcomeLoader.load(kafka, topics.bitrixOutcomes(),
          window.outcomesCutoff(clock.millis())));
      LOG.info("Dispatcher owns {}; {} outcomes known", partitions, index.size());
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

  private Properties producerProps() {
    Properties p = new Properties();
    p.putAll(kafka);
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return p;
  }

  /** Stops after the current step, commits what is done and closes. */
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
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void shutdown() {
    alive = false;
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
    }
  }
}
