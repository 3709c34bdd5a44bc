package io.callstream.deploy.config;

/** A configuration problem, naming the key and the fix; stops start-up with exit code 2. */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String problemAndFix) {
    super(key + ": " + problemAndFix);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
