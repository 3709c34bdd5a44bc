package io.callstream.producer.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How to reach one PBX's AMI and what to ask it for.
 *
 * @param pbxId the id every record of this PBX carries (and its Kafka key)
 * @param eventMask the login {@code Events:} value ('on' = everything)
 * @param filters AMI Filter expressions sent after login, in order (empty = none)
 * @param originate how calls started in the CRM are placed on this PBX
 */
public record PbxConfig(String pbxId, String host, int port, String username, Secret secret,
    boolean tls, String eventMask, List<String> filters, OriginateConfig originate) {

  private static final Pattern PBX_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public PbxConfig {
    String key = ConfigKeys.PBX_PREFIX + pbxId;
    if (pbxId == null || !PBX_ID.matcher(pbxId).matches()) {
      throw new ConfigException(key, "the pbxId must be 1-64 letters, digits, '_' or '-'");
    }
    if (host == null || host.isBlank()) {
      throw new ConfigException(key + ".host", "required; set the PBX's AMI host name or IP");
    }
    if (port < 1 || port > 65535) {
      throw new ConfigException(key + ".port", "must be 1..65535, was " + port);
    }
    if (username == null || username.isBlank()) {
      throw new ConfigException(key + ".username", "required; set the manager.conf user");
    }
    if (secret == null || secret.isEmpty()) {
      throw new ConfigException(key + ".secret.env",
          "no secret; set secret.env to an environment variable or secret.file to a file holding it");
    }
    requireSingleLine(key + ".username", username);
    requireSingleLine(key + ".events", eventMask);
    filters = List.copyOf(filters);
    if (originate == null) {
      throw new ConfigException(key + ".originate", "required; use OriginateConfig.defaults()");
    }
    for (int i = 0; i < filters.size(); i++) {
      requireSingleLine(key + ".filter." + (i + 1), filters.get(i));
    }
  }

  /** A PBX with the defaults for everything but the address and credentials. */
  public static PbxConfig of(String pbxId, String host, int port, String username, Secret secret) {
    return new PbxConfig(pbxId, host, port, username, secret, false, "on", List.of(),
        OriginateConfig.defaults());
  }

  /** This PBX with other Originate settings. */
  public PbxConfig withOriginate(OriginateConfig other) {
    return new PbxConfig(pbxId, host, port, username, secret, tls, eventMask, filters, other);
  }

  // Values end up in AMI action headers: a CR or LF would inject headers into the PBX session.
  private static void requireSingleLine(String key, String value) {
    if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new ConfigException(key, "must be one line without CR/LF");
    }
  }
}
