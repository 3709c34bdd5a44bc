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
 * and Linkedid to a new sequence number, every channel name to a new channel number and every
 * bridge id to a new UUID. Bridge ids matter as much as channel ids: generations overlap in time,
 * and two live calls entering the same bridge id would be one call to the correlator (Asterisk
 * never reuses a bridge's UUID). A frame's Timestamp (and its {@link ScriptFrame#pbxMicros()})
 * moves by the shift given with that frame: the caller decides when a frame is stamped (see
 * {@link StreamCursor}), which need not be a constant shift per generation. Generation 0 keeps
 * the ids and, without a shift, is the capture unchanged. The patterns are matched once per frame
 * ({@link #template}); rewriting a generation is then only string assembly, so the simulator can
 * outrun the producer it drives.
 */
final class LoopRewriter {

  /** Captures hold a few hundred channels; this keeps generations apart. */
  static final long ID_STRIDE = 100_000;
  static final long CHANNEL_STRIDE = 0x10000;
  /** Moves the last 48 bits of a bridge UUID; odd, so generations never wrap onto each other. */
  static final long BRIDGE_STRIDE = 0x9e3779b97f4bL;
  private static final long LOW_48_BITS = 0xffffffffffffL;

  private static final Pattern UNIQUEID = Pattern.compile("\\b(\\d{9,11}\\.)(\\d+)\\b");
  private static final Pattern CHANNEL =
      Pattern.compile("((?:PJSIP|SIP|IAX2|DAHDI|Local|Message)/[^\\s,&]*?-)([0-9a-f]{8})(?![0-9a-f])");
  private static final Pattern BRIDGE_ID =
      Pattern.compile("\\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-)([0-9a-f]{12})\\b");

  private final long generation;

  LoopRewriter(long generation) {
    this.generation = generation;
  }

  /**
   * The frame as this generation sends it, its Timestamp moved by {@code shiftMicros};
   * generation 0 unshifted is the captured frame itself.
   */
  ScriptFrame rewrite(ScriptFrame frame, long shiftMicros) {
    if (generation == 0 && shiftMicros == 0) {
      return frame;
    }
    List<HeaderTemplate> templates = frame.template();
    List<AmiHeader> headers = new ArrayList<>(templates.size());
    StringBuilder out = new StringBuilder(frame.bytes().length + 64);
    StringBuilder value = new StringBuilder(64);
    for (HeaderTemplate t : templates) {
      String v = t.literal();
      if (v == null) {
        value.setLength(0);
        for (Object part : t.parts()) {
          append(value, part, shiftMicros);
        }
        v = value.toString();
      }
      headers.add(new AmiHeader(t.name(), v));
      out.append(t.name()).append(": ").append(v).append("\r\n");
    }
    out.append("\r\n");
    return new ScriptFrame(frame.pbxMicros() + shiftMicros, headers,
        out.toString().getBytes(StandardCharsets.UTF_8), templates);
  }

  private void append(StringBuilder out, Object part, long shiftMicros) {
    if (part instanceof String literal) {
      out.append(literal);
    } else if (part instanceof IdSlot id) {
      out.append(id.seq() + generation * ID_STRIDE);
    } else if (part instanceof ChannelSlot channel) {
      appendHex(out, (channel.number() + generation * CHANNEL_STRIDE) & 0xffffffffL, 8);
    } else if (part instanceof BridgeSlot bridge) {
      appendHex(out, (bridge.low48() + generation * BRIDGE_STRIDE) & LOW_48_BITS, 12);
    } else {
      appendMicros(out, ((TimeSlot) part).micros() + shiftMicros);
    }
  }

  /** Splits each header value into literal text and the numbers a generation changes. */
  static List<HeaderTemplate> template(List<AmiHeader> headers) {
    List<HeaderTemplate> templates = new ArrayList<>(headers.size());
    for (AmiHeader h : headers) {
      String lower = h.getName().toLowerCase(Locale.ROOT);
      String value = h.getValue();
      List<Object> parts = new ArrayList<>();
      if (lower.equals("timestamp") && AmiTimestamps.toMicros(value) != null) {
        parts.add(new TimeSlot(AmiTimestamps.toMicros(value)));
      } else if (lower.contains("bridge")) {
        split(BRIDGE_ID, value, parts,
            m -> new Object[] {m.group(1), new BridgeSlot(Long.parseLong(m.group(2), 16))});
      } else if (lower.contains("uniqueid") || lower.contains("linkedid")) {
        split(UNIQUEID, value, parts, m -> new Object[] {m.group(1), new IdSlot(Long.parseLong(m.group(2)))});
      } else if (value.indexOf('/') >= 0) {
        split(CHANNEL, value, parts,
            m -> new Object[] {m.group(1), new ChannelSlot(Long.parseLong(m.group(2), 16))});
      } else {
        parts.add(value);
      }
      boolean literal = parts.size() == 1 && parts.get(0) instanceof String;
      templates.add(new HeaderTemplate(h.getName(), literal ? value : null, List.copyOf(parts)));
    }
    return List.copyOf(templates);
  }

  private static void split(Pattern pattern, String value, List<Object> parts,
      java.util.function.Function<Matcher, Object[]> slot) {
    Matcher m = pattern.matcher(value);
    int last = 0;
    while (m.find()) {
      parts.add(value.substring(last, m.start()));
      for (Object o : slot.apply(m)) {
        parts.add(o);
      }
      last = m.end();
    }
    parts.add(value.substring(last));
  }

  static String formatMicros(long micros) {
    StringBuilder sb = new StringBuilder(20);
    appendMicros(sb, micros);
    return sb.toString();
  }

  private static void appendMicros(StringBuilder out, long micros) {
    long fraction = micros % 1_000_000;
    out.append(micros / 1_000_000).append('.');
    for (long scale = 100_000; scale > 1 && fraction < scale; scale /= 10) {
      out.append('0');
    }
    out.append(fraction);
  }

  private static void appendHex(StringBuilder out, long number, int digits) {
    String hex = Long.toHexString(number);
    for (int i = hex.length(); i < digits; i++) {
      out.append('0');
    }
    out.append(hex);
  }

  /** A header of a frame: its value as literal text ({@code literal}) or as parts. */
  record HeaderTemplate(String name, String literal, List<Object> parts) {
  }

  private record IdSlot(long seq) {
  }

  private record ChannelSlot(long number) {
  }

  private record BridgeSlot(long low48) {
  }

  private record TimeSlot(long micros) {
  }
}
