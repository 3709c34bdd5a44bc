package io.callstream.producer.simulator;

import io.callstream.schemas.ami.RecordedCalls;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one simulated PBX does.
 *
 * @param username the AMI user it accepts
 * @param secret the AMI secret it accepts (plain Login or Challenge/MD5); test data, not a real one
 * @param captures the captures to replay, by name, in order
 * @param speed replay speed as a multiple of real time (1 = as recorded, 10 = ten times faster);
 *     0 = as fast as the sockets take it
 * @param loops how many passes over the captures each stream makes; 0 = until closed
 * @param concurrentCalls how many streams replay at once (each pass and stream after the first
 *     gets new Uniqueids, Linkedids, channel numbers and timestamps, so they are new calls)
 * @param startOnFirstLogin wait with the replay until a client has logged in (so it sees all)
 * @param authFailureDelay how long a rejected login waits before its answer (Asterisk: 1 s)
 * @param amiVersion the version in the banner
 * @param timesFromClock stamp the replay from the simulator's clock, as a live PBX's events would
 *     be: each frame with the time it is due to be sent (the clock at the start + its position in
 *     the captures ÷ speed), so a faster replay makes shorter calls on a clock that keeps real
 *     time; at speed 0 (no real-time position) the captures' spacing is kept from the clock's
 *     start. Off, the first pass keeps the captured times exactly
 * @param singleReplayThread replay all streams on one thread (an event loop that sends whichever
 *     frame is due first) instead of one thread per stream, so a simulator can carry thousands
 *     of concurrent calls
 */
public record SimulatorConfig(String username, String secret, Map<String, byte[]> captures,
    double speed, int loops, int concurrentCalls, boolean startOnFirstLogin,
    Duration authFailureDelay, String amiVersion, boolean timesFromClock,
    boolean singleReplayThread) {

  public SimulatorConfig {
    captures = Collections.unmodifiableMap(new LinkedHashMap<>(captures));
    if (captures.isEmpty()) {
      throw new IllegalArgumentException("captures: at least one capture is needed");
    }
    if (speed < 0 || loops < 0 || concurrentCalls < 1) {
      throw new IllegalArgumentException("speed >= 0, loops >= 0 and concurrentCalls >= 1 needed");
    }
  }

  /** A simulator with a thread per stream. */
  public SimulatorConfig(String username, String secret, Map<String, byte[]> captures,
      double speed, int loops, int concurrentCalls, boolean startOnFirstLogin,
      Duration authFailureDelay, String amiVersion, boolean timesFromClock) {
    this(username, secret, captures, speed, loops, concurrentCalls, startOnFirstLogin,
        authFailureDelay, amiVersion, timesFromClock, false);
  }

  /** A simulator that keeps the captured times (its first pass sends the captures byte for byte). */
  public SimulatorConfig(String username, String secret, Map<String, byte[]> captures,
      double speed, int loops, int concurrentCalls, boolean startOnFirstLogin,
      Duration authFailureDelay, String amiVersion) {
    this(username, secret, captures, speed, loops, concurrentCalls, startOnFirstLogin,
        authFailureDelay, amiVersion, false, false);
  }

  /** Replays these recorded scenarios once, as fast as possible, after the first login. */
  public static SimulatorConfig ofScenarios(String username, String secret, List<String> scenarios) {
    LinkedHashMap<String, byte[]> captures = new LinkedHashMap<>();
    for (String s : scenarios) {
      captures.put(s, RecordedCalls.capture(s));
    }
    return new SimulatorConfig(username, secret, captures, 0, 1, 1, true, Duration.ofSeconds(1),
        "11.0.0");
  }

  public SimulatorConfig withSpeed(double newSpeed) {
    return new SimulatorConfig(username, secret, captures, newSpeed, loops, concurrentCalls,
        startOnFirstLogin, authFailureDelay, amiVersion, timesFromClock, singleReplayThread);
  }

  public SimulatorConfig withLoops(int newLoops, int newConcurrentCalls) {
    return new SimulatorConfig(username, secret, captures, speed, newLoops, newConcurrentCalls,
        startOnFirstLogin, authFailureDelay, amiVersion, timesFromClock, singleReplayThread);
  }

  /**
   * Stamps each replayed frame with the simulator's clock at the time it is due to be sent, as a
   * live PBX would (demos, benchmarks); at speed 0 the captures' spacing from the clock's start.
   */
  public SimulatorConfig withTimesFromClock() {
    return new SimulatorConfig(username, secret, captures, speed, loops, concurrentCalls,
        startOnFirstLogin, authFailureDelay, amiVersion, true, singleReplayThread);
  }

  /** Replays every stream on one thread (an event loop): for thousands of concurrent calls. */
  public SimulatorConfig withSingleReplayThread() {
    return new SimulatorConfig(username, secret, captures, speed, loops, concurrentCalls,
        startOnFirstLogin, authFailureDelay, amiVersion, timesFromClock, true);
  }

  public SimulatorConfig withAuthFailureDelay(Duration delay) {
    return new SimulatorConfig(username, secret, captures, speed, loops, concurrentCalls,
        startOnFirstLogin, delay, amiVersion, timesFromClock, singleReplayThread);
  }
}
