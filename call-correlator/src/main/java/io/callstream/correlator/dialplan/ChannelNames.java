package io.callstream.correlator.dialplan;

/** Reads the parts of an Asterisk channel name such as {@code PJSIP/101-0000002e}. */
public final class ChannelNames {

  private ChannelNames() {
  }

  /** The technology before the slash ({@code PJSIP}, {@code Local}), or empty. */
  public static String tech(String name) {
    int slash = name == null ? -1 : name.indexOf('/');
    return slash < 0 ? "" : name.substring(0, slash);
  }

  /** The endpoint/resource: after the slash, without the {@code -xxxxxxxx} instance suffix. */
  public static String resource(String name) {
    if (name == null) {
      return "";
    }
    int slash = name.indexOf('/');
    String rest = slash < 0 ? name : name.substring(slash + 1);
    int dash = rest.lastIndexOf('-');
    return dash < 0 ? rest : rest.substring(0, dash);
  }

  public static boolean isLocal(String name) {
    return "Local".equalsIgnoreCase(tech(name));
  }

  /** A Local half's pair key (name without {@code ;1}/{@code ;2}), or null for other channels. */
  public static String localPairKey(String name) {
    if (!isLocal(name) || name.length() < 2 || name.charAt(name.length() - 2) != ';') {
      return null;
    }
    return name.substring(0, name.length() - 2);
  }

  /** The number a Local channel dials ({@code Local/102@from-internal-xfer-0006;1} → 102). */
  public static String localExten(String name) {
    String rest = name.substring(name.indexOf('/') + 1);
    int at = rest.indexOf('@');
    return at < 0 ? rest : rest.substring(0, at);
  }

  /** The number in a Dial string ({@code PJSIP/79991234567@trunk}, {@code 79991234567@trunk}). */
  public static String dialledNumber(String dialString) {
    if (dialString == null) {
      return null;
    }
    String s = dialString;
    int amp = s.indexOf('&');
    if (amp >= 0) {
      s = s.substring(0, amp);
    }
    int slash = s.lastIndexOf('/');
    if (slash >= 0 && s.indexOf('@') > slash) {
      s = s.substring(slash + 1);
    } else if (slash >= 0 && s.indexOf('@') < 0) {
      s = s.substring(slash + 1);
    }
    int at = s.indexOf('@');
    return at < 0 ? s : s.substring(0, at);
  }
}
