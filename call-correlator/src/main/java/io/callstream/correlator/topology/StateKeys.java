package io.callstream.correlator.topology;

/**
 * Keys of the correlator's state store. One small entry per channel, bridge and call, plus one
 * per PBX for its connection and stream time:
 * {@code m|<pbxId>}, {@code e|<pbxId>|ch|<uniqueid>}, {@code e|<pbxId>|br|<bridgeId>},
 * {@code e|<pbxId>|call|<groupKey>}. PBX ids cannot contain {@code |} (the producer allows
 * {@code [A-Za-z0-9_-]}), so the prefix of one PBX never matches another.
 */
final class StateKeys {

  static final String META_PREFIX = "m|";
  static final String CHANNEL = "ch";
  static final String BRIDGE = "br";
  static final String CALL = "call";

  private StateKeys() {
  }

  static String meta(String pbxId) {
    return META_PREFIX + pbxId;
  }

  static String pbxOfMeta(String metaKey) {
    return metaKey.substring(META_PREFIX.length());
  }

  /** Prefix of every entry of one PBX. */
  static String entries(String pbxId) {
    return "e|" + pbxId + "|";
  }

  static String entry(String pbxId, String kind, String id) {
    return entries(pbxId) + kind + "|" + id;
  }
}
