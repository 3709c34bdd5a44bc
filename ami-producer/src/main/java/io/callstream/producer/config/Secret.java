package io.callstream.producer.config;

import java.util.Arrays;

/**
 * A password that never prints itself: {@link #toString()} is a fixed mask, so a secret that ends
 * up in a log line, an exception message or a metric tag by mistake stays unreadable.
 */
public final class Secret {

  /** What every secret prints as. */
  public static final String MASK = "******";

  private final char[] value;

  private Secret(char[] value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return new Secret(value.toCharArray());
  }

  /** The secret itself; only the AMI login may call this. */
  public String reveal() {
    return new String(value);
  }

  public boolean isEmpty() {
    return value.length == 0;
  }

  @Override
  public String toString() {
    return MASK;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && Arrays.equals(value, s.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }
}
