package io.callstream.producer.publish;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;

/**
 * The bounded buffer between one PBX's socket reader and Kafka. The reader only ever
 * {@link #offer}s (never waits); when the buffer is full the caller accounts for the loss.
 */
public final class FrameHandoff {

  private final ArrayBlockingQueue<SpecificRecord> queue;

  public FrameHandoff(int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  /** Adds without waiting; false when full. */
  public boolean offer(SpecificRecord record) {
    return queue.offer(record);
  }

  /** Adds, waiting for room; only for threads that hold no socket open (the DISCONNECTED marker). */
  public void put(SpecificRecord record) throws InterruptedException {
    queue.put(record);
  }

  public SpecificRecord poll(Duration timeout) throws InterruptedException {
    return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  public int depth() {
    return queue.size();
  }

  public int capacity() {
    return queue.size() + queue.remainingCapacity();
  }
}
