package io.callstream.correlator.dialplan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Context knowledge for one family of dialplans. Context names are regular expressions matched
 * against the whole {@code Context} header.
 */
public enum DialplanPreset {
  /** FreePBX 13-16: Macro() contexts; the Dial runs in macro-dial-one / macro-dialout-trunk. */
  FREEPBX16("freepbx16",
      List.of("from-trunk", "from-pstn", "from-pstn-.*", "from-did-direct"),
      List.of("macro-dialout-trunk", "macro-dialout-enum", "macro-dialout-dundi"),
      List.of("macro-dial-one", "macro-dial", "macro-dial-confirm")),
  /** FreePBX 17: Gosub'd macro contexts plus the *-with-exten dial contexts. */
  FREEPBX17("freepbx17",
      List.of("from-trunk", "from-pstn", "from-pstn-.*", "from-did-direct"),
      List.of("trunk-dial-with-exten", "macro-dialout-trunk", "macro-dialout-enum",
          "macro-dialout-dundi"),
      List.of("dialOne-with-exten", "dial-with-exten", "macro-dial-one", "macro-dial",
          "macro-dial-confirm")),
  /** Plain Asterisk: no context conventions; channel names decide. */
  ASTERISK("asterisk", List.of(), List.of(), List.of()),
  /** Nothing configured: the union of the FreePBX presets, plus channel-name detection. */
  AUTO("auto",
      List.of("from-trunk", "from-pstn", "from-pstn-.*", "from-did-direct", "from-external.*",
          "from-sip-external", "incoming.*", "inbound.*"),
      List.of("trunk-dial-with-exten", "macro-dialout-trunk", "macro-dialout-enum",
          "macro-dialout-dundi", "outrt-.*"),
      List.of("dialOne-with-exten", "dial-with-exten", "macro-dial-one", "macro-dial",
          "macro-dial-confirm"));

  private final String key;
  private final List<String> inboundContexts;
  private final List<String> outboundDialContexts;
  private final List<String> extensionDialContexts;

  DialplanPreset(String key, List<String> inboundContexts, List<String> outboundDialContexts,
      List<String> extensionDialContexts) {
    this.key = key;
    this.inboundContexts = inboundContexts;
    this.outboundDialContexts = outboundDialContexts;
    this.extensionDialContexts = extensionDialContexts;
  }

  public String key() {
    return key;
  }

  /** Contexts a trunk channel starts in for an inbound call. */
  public List<String> inboundContexts() {
    return inboundContexts;
  }

  /** Contexts whose Dial() reaches the outside world. */
  public List<String> outboundDialContexts() {
    return outboundDialContexts;
  }

  /** Contexts whose Dial() rings a company phone. */
  public List<String> extensionDialContexts() {
    return extensionDialContexts;
  }

  /** The preset named {@code key}; the message lists the valid names. */
  public static DialplanPreset byKey(String key) {
    for (DialplanPreset preset : values()) {
      if (preset.key.equals(key.trim().toLowerCase(Locale.ROOT))) {
        return preset;
      }
    }
    throw new IllegalArgumentException("unknown preset '" + key + "', use one of "
        + Arrays.stream(values()).map(DialplanPreset::key).collect(Collectors.joining(", ")));
  }
}
