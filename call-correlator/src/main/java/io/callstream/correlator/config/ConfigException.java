package io.callstream.correlator.config;

/** A configuration value is wrong; the message names the key, the value and the fix. */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String key, String value, String fix) {
    super("Invalid configuration " + key + " = '" + value + "': " + fix);
  }
}
