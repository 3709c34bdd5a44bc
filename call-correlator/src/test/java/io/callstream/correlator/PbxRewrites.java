package io.callstream.correlator;

import io.callstream.schemas.AmiHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The differences between the recorded PBX (Asterisk 22, chan_pjsip, FreePBX-17-style dialplan,
 * endpoints 101-103 and {@code trunk}, numbers 7XXXXXXXXXX) and other installations, each as
 * AMI-SEMANTICS.md describes it. Every rewrite keeps the mechanism of the call (which channel
 * dials which, bridges, Local pairs, transfers, ids and times) and changes only what another
 * installation would name or number differently.
 */
final class PbxRewrites {

  /** A channel's 8-hex instance suffix, so that a name inside it is not taken for a token. */
  private static final String END_OF_NAME = "(?:-[0-9a-f]{8}(?![0-9A-Za-z])|[/@&,;)]|$)";

  private PbxRewrites() {
  }

  /**
   * chan_sip instead of chan_pjsip (Asterisk ≤ 20, FreePBX ≤ 16): channels are
   * {@code SIP/<peer>-<8 hex>} (§3.9's real FreePBX dump: {@code SIP/206040-…}); devices, hints
   * and queue state interfaces {@code SIP/<peer>}; a trunk is dialled {@code SIP/<peer>/<number>}
   * where PJSIP dials {@code PJSIP/<number>@<endpoint>}, so DialBegin's {@code DialString} (the
   * Dial argument after the technology) reads {@code <peer>/<number>}. {@code TechCause} is only
   * sent for PJSIP channels (§2.3, Hangup).
   */
  static PbxRewrite chanSip() {
    PbxRewrite trunkDials = PbxRewrite.values(
        Pattern.compile("(?<![A-Za-z])PJSIP/([^@&,/()\\s|^]+)@([^&,/()\\s|^]+)"),
        m -> "SIP/" + m.group(2) + "/" + m.group(1));
    PbxRewrite technology = PbxRewrite.values(Pattern.compile("(?<![A-Za-z])PJSIP/"),
        m -> "SIP/");
    return chain(sipDialStrings(), trunkDials, technology, dropHeader("TechCause"));
  }

  /**
   * FreePBX 13-16 (Macro) instead of 17 (Gosub), §4.2: the Dial() runs inside the macro context
   * at extension {@code s} instead of in the {@code *-with-exten} context at the real number.
   * Everything else keeps its name ({@code macro-*} contexts are the same in both). The Gosub and
   * Macro bookkeeping VarSets ({@code LOCAL(ARGn)}, {@code GOSUB_RETVAL} against
   * {@code MACRO_DEPTH}, {@code MACRO_EXTEN}, …) are not rewritten: they are dialplan noise the
   * noise filter drops, and Macro's one VarSet per executed priority cannot be made up from the
   * Gosub frames.
   */
  static PbxRewrite macroEra() {
    Map<String, String> macroOf = Map.of("dialOne-with-exten", "macro-dial-one",
        "dial-with-exten", "macro-dial", "trunk-dial-with-exten", "macro-dialout-trunk");
    return headersOnly(headers -> {
      List<AmiHeader> out = new ArrayList<>(headers);
      for (AmiHeader h : headers) {
        String macro = macroOf.get(h.getValue());
        if (macro == null || !h.getName().endsWith("Context")) {
          continue;
        }
        String prefix = h.getName().substring(0, h.getName().length() - "Context".length());
        for (int i = 0; i < out.size(); i++) {
          String name = out.get(i).getName();
          if (name.equals(h.getName())) {
            out.set(i, new AmiHeader(name, macro));
          } else if (name.equals(prefix + "Exten") || prefix.isEmpty() && name.equals("Extension")) {
            out.set(i, new AmiHeader(name, "s"));
          }
        }
      }
      return out;
    });
  }

  /** Other extension numbers ({@code 101} → {@code 2101}) everywhere a number is a token. */
  static PbxRewrite extensions(Map<String, String> renumbered) {
    return PbxRewrite.values(Pattern.compile("(?<![0-9A-Za-z.])("
        + String.join("|", renumbered.keySet()) + ")(?![0-9A-Za-z])"),
        m -> renumbered.get(m.group(1)));
  }

  /** The trunk endpoint/peer renamed: channels, Dial strings and arguments, AstDB values. */
  static PbxRewrite trunkNamed(String name) {
    return PbxRewrite.values(Pattern.compile("(?:^|(?<=[/@]))trunk(?=" + END_OF_NAME + ")"),
        m -> name);
  }

  /** The trunk's inbound context (FreePBX PJSIP trunks commonly use {@code from-pstn}, §4.1). */
  static PbxRewrite trunkContext(String context) {
    return PbxRewrite.wholeValue("context", "from-trunk", context);
  }

  /**
   * Every outside number (DIDs, callers, dialled numbers, all {@code 7} + 10 digits in the
   * recording) in another format: E.164 with {@code +}, or national with {@code 8}.
   */
  static PbxRewrite outsideNumbers(String prefixInsteadOf7) {
    return PbxRewrite.values(Pattern.compile("(?<![0-9A-Za-z.+])7(\\d{10})(?![0-9A-Za-z])"),
        m -> prefixInsteadOf7 + m.group(1));
  }

  /**
   * {@code systemname} set in asterisk.conf (§1.6, §2.2; what several PBXs feeding one topic
   * need): every event carries {@code SystemName:} after its Timestamp, and every Uniqueid and
   * Linkedid is {@code <systemname>-<epoch>.<seq>}, wherever it appears (Dest/Transferee/Local
   * blocks, SwapUniqueid, and the recording file names FreePBX builds from {@code UNIQUEID}).
   */
  static PbxRewrite systemName(String systemName) {
    Pattern uniqueid = Pattern.compile("(?<![\\d.])(\\d{9,10}\\.\\d+)(?!\\d|\\.\\d)");
    return new PbxRewrite() {
      @Override
      public List<AmiHeader> headers(List<AmiHeader> headers) {
        List<AmiHeader> out = new ArrayList<>();
        for (AmiHeader h : headers) {
          out.add(new AmiHeader(h.getName(), truth(h.getName(), h.getValue())));
          if (h.getName().equals("Timestamp")) {
            out.add(new AmiHeader("SystemName", systemName));
          }
        }
        return out;
      }

      @Override
      public String truth(String field, String value) {
        // The PBX's clocks (Timestamp, RTCP's SentNTP) have the same epoch.micros form.
        return field.equals("Timestamp") || field.contains("NTP") ? value
            : uniqueid.matcher(value).replaceAll(systemName + "-$1");
      }
    };
  }

  /** chan_pjsip's {@code <number>@<endpoint>} dial string of a SIP destination as chan_sip's. */
  private static PbxRewrite sipDialStrings() {
    Pattern numberAtEndpoint = Pattern.compile("([^@/]+)@([^@/]+)");
    return headersOnly(headers -> {
      boolean toPjsip = headers.stream().anyMatch(h -> h.getName().equals("DestChannel")
          && h.getValue().startsWith("PJSIP/"));
      return !toPjsip ? headers : headers.stream().map(h -> {
        var m = numberAtEndpoint.matcher(h.getValue());
        return h.getName().equals("DialString") && m.matches()
            ? new AmiHeader(h.getName(), m.group(2) + "/" + m.group(1)) : h;
      }).toList();
    });
  }

  private static PbxRewrite dropHeader(String name) {
    return headersOnly(headers -> headers.stream()
        .filter(h -> !h.getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
        .toList());
  }

  static PbxRewrite chain(PbxRewrite... parts) {
    return new PbxRewrite() {
      @Override
      public List<AmiHeader> headers(List<AmiHeader> headers) {
        List<AmiHeader> out = headers;
        for (PbxRewrite part : parts) {
          out = part.headers(out);
        }
        return out;
      }

      @Override
      public String truth(String field, String value) {
        String out = value;
        for (PbxRewrite part : parts) {
          out = part.truth(field, out);
        }
        return out;
      }
    };
  }

  private static PbxRewrite headersOnly(
      java.util.function.UnaryOperator<List<AmiHeader>> rewrite) {
    return new PbxRewrite() {
      @Override
      public List<AmiHeader> headers(List<AmiHeader> headers) {
        return rewrite.apply(headers);
      }

      @Override
      public String truth(String field, String value) {
        return value;
      }
    };
  }
}
