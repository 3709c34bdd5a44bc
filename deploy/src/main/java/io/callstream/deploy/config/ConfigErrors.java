package io.callstream.deploy.config;

import java.util.Set;

/** Recognises the configuration errors of every component, which stop start-up with exit code 2. */
public final class ConfigErrors {

  private static final Set<Class<?>> TYPES = Set.of(
      ConfigException.class,
      io.callstream.producer.config.ConfigException.class,
      io.callstream.correlator.config.ConfigException.class,
      io.callstream.sink.config.ConfigException.class);

  private ConfigErrors() {
  }

  public static boolean isConfigError(Throwable e) {
    return TYPES.contains(e.getClass());
  }
}
