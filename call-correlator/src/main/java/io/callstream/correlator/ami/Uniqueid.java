package io.callstream.correlator.ami;

/**
 * An Asterisk Uniqueid parsed as {@code [systemname-]epoch.sequence}. The string does not sort
 * chronologically ({@code 1795485071.9} vs {@code 1795485071.10}), so ordering goes through this.
 */
public record Uniqueid(String system, long epoch, long sequence) implements Comparable<Uniqueid> {

  /** Parses a Uniqueid; values that are not of that form sort first, by their text. */
  public static Uniqueid parse(String value) {
    String v = value == null ? "" : value.trim();
    int dash = v.lastIndexOf('-');
    String system = dash < 0 ? "" : v.substring(0, dash);
    String rest = v.substring(dash + 1);
    int dot = rest.indexOf('.');
    try {
      if (dot < 0) {
        return new Uniqueid(system, Long.parseLong(rest), 0);
      }
      return new Uniqueid(system, Long.parseLong(rest.substring(0, dot)),
          Long.parseLong(rest.substring(dot + 1)));
    } catch (NumberFormatException e) {
      return new Uniqueid(v, -1, -1);
    }
  }

  @Override
  public int compareTo(Uniqueid other) {
    int bySystem = system.compareTo(other.system);
    if (bySystem != 0) {
      return bySystem;
    }
    int byEpoch = Long.compare(epoch, other.epoch);
    return byEpoch != 0 ? byEpoch : Long.compare(sequence, other.sequence);
  }

  /** Whether {@code a} was allocated before {@code b}. */
  public static boolean older(String a, String b) {
    return parse(a).compareTo(parse(b)) < 0;
  }
}
