package io.callstream.sink.dispatch;

import io.callstream.schemas.logging.LogKeys;
import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One portal's own dispatching thread, so a slow portal delays only itself. It takes the
 * portal's commands from an inbox filled by the consumer thread (which never waits for it) and
 * steps its {@link PortalDispatcher}, one request at a time. Every step runs under the lane's
 * lock; the consumer thread takes that lock to drop a revoked partition's commands or to replace
 * the outcome index, so neither happens in the middle of a request. Everything the lane thread
 * logs carries its portal in the MDC ({@link LogKeys#PORTAL}).
 */
final class PortalLane {

  /** The longest a lane sleeps without looking at its clock-driven work again. */
  static final long MAX_IDLE_MILLIS = 200;
  private static final long FORGET_EVERY_MILLIS = 60_000;
  private static final Logger LOG = LoggerFactory.getLogger(PortalLane.class);

  private final String portalId;
  private final PortalDispatcher dispatcher;
  private final OutcomeIndex index;
  private final DedupWindow window;
  private final Clock clock;
  private final Consumer<RuntimeException> onFailure;
  private final LinkedBlockingDeque<Pending> inbox = new LinkedBlockingDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Thread thread;
  private volatile boolean running = true;
  private long lastForget;

  /** @param onFailure told when the lane stops on an unexpected error */
  PortalLane(String portalId, PortalDispatcher dispatcher, OutcomeIndex index, DedupWindow window,
      Clock clock, Consumer<RuntimeException> onFailure) {
    this.portalId = portalId;
    this.dispatcher = dispatcher;
    this.index = index;
    this.window = window;
    this.clock = clock;
    this.onFailure = onFailure;
    this.lastForget = clock.millis();
    this.thread = new Thread(this::run, "bitrix-dispatcher-" + portalId);
    thread.setDaemon(true);
  }

  PortalLane start() {
    thread.start();
    return this;
  }

  /** Hands a command to the lane; never blocks. */
  void offer(Pending p) {
    inbox.offer(p);
  }

  private void run() {
    MDC.put(LogKeys.PORTAL, portalId);
    try {
      while (running) {
        long wait;
        lock.lock();
        try {
          long now = clock.millis();
          for (Pending p = inbox.poll(); p != null; p = inbox.poll()) {
            dispatcher.enqueue(p, now);
          }
          wait = dispatcher.step(now);
          forgetOld(now);
        } finally {
          lock.unlock();
        }
        if (wait > 0) {
          Pending next = inbox.poll(Math.min(wait, MAX_IDLE_MILLIS), TimeUnit.MILLISECONDS);
          if (next != null) {
            inbox.offerFirst(next);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (running) {
        LOG.error("portal {}: dispatching stopped", portalId, e);
        onFailure.accept(e);
      }
    } finally {
      MDC.remove(LogKeys.PORTAL);
    }
  }

  private void forgetOld(long now) {
    if (now - lastForget >= FORGET_EVERY_MILLIS) {
      int forgotten = index.forgetBefore(window.outcomesCutoff(now));
      if (forgotten > 0) {
        LOG.info("portal {}: forgot {} outcomes older than the dedup retention; {} kept",
            portalId, forgotten, index.size());
      }
      lastForget = now;
    }
  }

  /** Forgets the commands of revoked partitions, after the request in progress (if any). */
  void drop(Collection<TopicPartition> partitions) {
    lock.lock();
    try {
      inbox.removeIf(p -> partitions.contains(p.partition));
      dispatcher.drop(partitions);
    } finally {
      lock.unlock();
    }
  }

  /** Holds the lane between two steps until {@link #resume()}. */
  void pause() {
    lock.lock();
  }

  void resume() {
    lock.unlock();
  }

  /** Only while paused: what the outcomes topic says now. */
  void replaceIndex(OutcomeIndex fresh) {
    index.replaceWith(fresh);
  }

  /** Asks the lane to stop after the step in progress. */
  void signalStop() {
    running = false;
  }

  /** Waits at most until {@code deadlineNanos} ({@link System#nanoTime()}) for the lane to stop. */
  void awaitStop(long deadlineNanos) {
    try {
      TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadlineNanos - System.nanoTime()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
