package io.callstream.correlator.ami;

/**
 * AMI's {@code Duration} header ({@code hh:mm:ss}, hours may exceed 24; a bare number of seconds
 * is accepted too), as milliseconds.
 */
public final class AmiDuration {

  private AmiDuration() {
  }

  /** The duration in milliseconds, or -1 when absent or not readable. */
  public static long millis(String value) {
    if (value == null || value.isEmpty()) {
      return -1;
    }
    long seconds = 0;
    long part = 0;
    boolean digits = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        part = part * 10 + (c - '0');
        digits = true;
        if (part > 100_000_000L) {
          return -1;
        }
      } else if (c == ':' && digits) {
        seconds = (seconds + part) * 60;
        part = 0;
        digits = false;
      } else {
        return -1;
      }
    }
    return digits ? (seconds + part) * 1000 : -1;
  }
}
