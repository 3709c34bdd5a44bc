package io.callstream.schemas.ami;

/** Reads AMI's {@code Timestamp: <epoch seconds>.<microseconds>} header. */
public final class AmiTimestamps {

  private AmiTimestamps() {
  }

  /** Epoch microseconds, or null when the value is not a number of that form. */
  public static Long toMicros(String value) {
    String v = value.trim();
    int dot = v.indexOf('.');
    try {
      long seconds = Long.parseLong(dot < 0 ? v : v.substring(0, dot));
      if (dot < 0) {
        return seconds * 1_000_000L;
      }
      String fraction = (v.substring(dot + 1) + "000000").substring(0, 6);
      return seconds * 1_000_000L + Long.parseLong(fraction);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
