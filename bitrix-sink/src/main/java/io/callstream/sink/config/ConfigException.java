package io.callstream.sink.config;

/** A configuration value is missing or wrong; the message names the key and the fix. */
public final class ConfigException extends IllegalArgumentException {

  public ConfigException(String key, String problem, String fix) {
    super(key + ": " + problem + ". Fix: " + fix);
  }
}
