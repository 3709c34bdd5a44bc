package io.callstream.producer.simulator;

import io.callstream.schemas.AmiHeader;
import io.callstream.schemas.ami.AmiTimestamps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a replayed capture into new calls: generation {@code g} (g >= 1) moves every Uniqueid
 * and Linkedid to a new sequence number, every channel name to a new channel number, and every
 * Timestamp by {@code shiftMicros}. Generation 0 is the capture unchanged.
 */
final class LoopRewriter {

  /** Captures hold a few hundred channels; this keeps generations apart. */
  static final long ID_STRIDE = 100_000;
  static final long CHANNEL_STRIDE = 0x10000;

  private static final Pattern UNIQUEID = Pattern.compile("\\b(\\d{9,11})\\.(\\d+)\\b");
  private static final Pattern CHANNEL =
      Pattern.compile("((?:PJSIP|SIP|IAX2|DAHDI|Local|Message)/[^\\s,&]*?-)([0-9a-f]{8})(?![0-9a-f])");

  private final long generation;
  private final long shiftMicros;

  LoopRewriter(long generation, long shiftMicros) {
    this.generation = generation;
    this.shiftMicros = shiftMicros;
  }

  /** The frame as this generation sends it; generation 0 returns the captured frame itself. */
  ScriptFrame rewrite(ScriptFrame frame) {
    if (generation == 0) {
      return frame;
    }
    List<AmiHeader> headers = new ArrayList<>(frame.headers().size());
    StringBuilder out = new StringBuilder(frame.bytes().length + 64);
    for (AmiHeader h : frame.headers()) {
      String value = value(h.getName(), h.getValue());
      headers.add(new AmiHeader(h.getName(), value));
      out.append(h.getName()).append(": ").append(value).append("\r\n");
    }
    out.append("\r\n");
    return new ScriptFrame(frame.pbxMicros() + shiftMicros, headers,
        out.toString().getBytes(StandardCharsets.UTF_8));
  }

  String value(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("timestamp")) {
      Long micros = AmiTimestamps.toMicros(value);
      return micros == null ? value : formatMicros(micros + shiftMicros);
    }
    String result = value;
    if (lower.contains("uniqueid") || lower.contains("linkedid")) {
      result = replace(UNIQUEID, result, m -> m.group(1) + "." + (Long.parseLong(m.group(2))
          + generation * ID_STRIDE));
    }
    if (result.indexOf('/') >= 0) {
      result = replace(CHANNEL, result, m -> m.group(1) + String.format("%08x",
          (Long.parseLong(m.group(2), 16) + generation * CHANNEL_STRIDE) & 0xffffffffL));
    }
    return result;
  }

  private static String replace(Pattern pattern, String value,
      java.util.function.Function<Matcher, String> replacement) {
    Matcher m = pattern.matcher(value);
    if (!m.find()) {
      return value;
    }
    StringBuilder sb = new StringBuilder();
    do {
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement.apply(m)));
    } while (m.find());
    m.appendTail(sb);
    return sb.toString();
  }

  static String formatMicros(long micros) {
    return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
  }
}
