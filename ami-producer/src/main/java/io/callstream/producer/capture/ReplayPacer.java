package io.callstream.producer.capture;

import java.time.Duration;

/**
 * When to send each frame of a capture replayed at real time x speed: the PBX Timestamp gap from
 * the first frame, divided by the speed. Speed 0 means as fast as possible (never wait).
 */
final class ReplayPacer {

  private final double speed;
  private long firstMicros = -1;

  ReplayPacer(double speed) {
    if (speed < 0 || Double.isNaN(speed)) {
      throw new IllegalArgumentException("speed must be >= 0 (0 = as fast as possible), was " + speed);
    }
    this.speed = speed;
  }

  /** How long after the first frame a frame with this PBX time is due. */
  Duration dueAfterStart(long pbxMicros) {
    if (speed == 0) {
      return Duration.ZERO;
    }
    if (firstMicros < 0) {
      firstMicros = pbxMicros;
    }
    return Duration.ofNanos((long) (Math.max(0, pbxMicros - firstMicros) * 1000 / speed));
  }
}
