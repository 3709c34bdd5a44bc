package io.callstream.correlator.dialplan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which channels are trunks and which are extensions on one PBX, and which contexts mean inbound
 * and outbound. Explicit channel-name rules win; then the preset's contexts; then detection: an
 * endpoint named by 2 to {@code maxExtensionDigits} digits is an extension, any other endpoint a
 * trunk. Extension patterns may capture the extension number in group 1.
 */
public record DialplanRules(DialplanPreset preset, List<Pattern> trunkPatterns,
    List<Pattern> extensionPatterns, int maxExtensionDigits) {

  private static final Pattern DIGITS = Pattern.compile("\\d+");

  public DialplanRules {
    trunkPatterns = List.copyOf(trunkPatterns);
    extensionPatterns = List.copyOf(extensionPatterns);
  }

  public static DialplanRules detect() {
    return new DialplanRules(DialplanPreset.AUTO, List.of(), List.of(), 6);
  }

  public static DialplanRules of(DialplanPreset preset) {
    return new DialplanRules(preset, List.of(), List.of(), 6);
  }

  /** What the channel is, from its name, and from the context it was created in. */
  public PartyKind classify(String channelName, String creationContext) {
    if (channelName == null) {
      return PartyKind.OTHER;
    }
    if (ChannelNames.isLocal(channelName)) {
      return PartyKind.LOCAL;
    }
    if (matchesAny(extensionPatterns, channelName) != null) {
      return PartyKind.EXTENSION;
    }
    if (matchesAny(trunkPatterns, channelName) != null) {
      return PartyKind.TRUNK;
    }
    if (hasPatterns()) {
      // Configured rules are authoritative: what they do not name is not a party.
      return PartyKind.OTHER;
    }
    if (creationContext != null && isInboundContext(creationContext)) {
      return PartyKind.TRUNK;
    }
    String resource = ChannelNames.resource(channelName);
    if (resource.isEmpty() || ChannelNames.tech(channelName).isEmpty()) {
      return PartyKind.OTHER;
    }
    boolean numeric = DIGITS.matcher(resource).matches();
    return numeric && resource.length() >= 2 && resource.length() <= maxExtensionDigits
        ? PartyKind.EXTENSION : PartyKind.TRUNK;
  }

  /** The extension number of an extension channel: pattern group 1, else the endpoint name. */
  public String extensionOf(String channelName) {
    Matcher m = matchesAny(extensionPatterns, channelName);
    if (m != null && m.groupCount() >= 1 && m.group(1) != null) {
      return m.group(1);
    }
    return ChannelNames.resource(channelName);
  }

  public boolean isInboundContext(String context) {
    return matchesAnyText(preset.inboundContexts(), context);
  }

  public boolean isOutboundDialContext(String context) {
    return matchesAnyText(preset.outboundDialContexts(), context);
  }

  public boolean isExtensionDialContext(String context) {
    return matchesAnyText(preset.extensionDialContexts(), context);
  }

  /** Whether channel-name patterns were configured (they then decide alone). */
  public boolean hasPatterns() {
    return !trunkPatterns.isEmpty() || !extensionPatterns.isEmpty();
  }

  private static Matcher matchesAny(List<Pattern> patterns, String text) {
    for (Pattern p : patterns) {
      Matcher m = p.matcher(text);
      if (m.matches()) {
        return m;
      }
    }
    return null;
  }

  private static boolean matchesAnyText(List<String> regexes, String text) {
    if (text == null) {
      return false;
    }
    for (String regex : regexes) {
      if (text.matches(regex)) {
        return true;
      }
    }
    return false;
  }

  /** Compiles user-supplied regexes, naming the bad one. */
  public static List<Pattern> compile(List<String> regexes) {
    List<Pattern> out = new ArrayList<>();
    for (String r : regexes) {
      out.add(Pattern.compile(r));
    }
    return out;
  }
}
