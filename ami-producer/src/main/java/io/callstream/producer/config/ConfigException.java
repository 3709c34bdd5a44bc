package io.callstream.producer.config;

/** A configuration value that cannot work; the message names the key and how to fix it. */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public ConfigException(String key, String problem) {
    super(key + ": " + problem);
  }
}
