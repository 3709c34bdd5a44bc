package io.callstream.schemas.ami;

import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.AmiHeader;
import io.callstream.schemas.InvalidFrameReason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the bytes of one complete frame into an {@link AmiFrame}, or rejects them. A frame whose
 * bytes are not exactly the canonical rebuild (CRLF line ends, "Name: Value", UTF-8) keeps its
 * raw bytes, so nothing about it is lost.
 */
final class AmiFrameParser {

  private static final int DETAIL_PREVIEW = 80;

  AmiFrame banner(byte[] bytes, int length) {
    boolean crlf = length >= 2 && bytes[length - 2] == '\r';
    int contentEnd = length - (crlf ? 2 : 1);
    Decoded line = decode(bytes, 0, contentEnd);
    boolean canonical = crlf && line.exact;
    return new AmiFrame(AmiFrameKind.BANNER, null, List.of(), null,
        canonical ? null : Arrays.copyOf(bytes, length), line.text);
  }

  void parse(byte[] bytes, int length, AmiFrameListener listener) {
    int control = firstControlByte(bytes, length);
    if (control >= 0) {
      listener.onInvalid(invalid(InvalidFrameReason.BINARY, String.format(
          "control byte 0x%02X at offset %d; AMI frames are text", bytes[control], control), bytes, length));
      return;
    }
    List<AmiHeader> headers = new ArrayList<>(24);
    boolean canonical = true;
    int pos = 0;
    int lineNumber = 0;
    while (pos < length) {
      int newline = indexOfNewline(bytes, pos, length);
      boolean crlf = newline > pos && bytes[newline - 1] == '\r';
      int contentEnd = crlf ? newline - 1 : newline;
      canonical &= crlf;
      lineNumber++;
      if (contentEnd == pos) {
        // An empty line: the terminator, or a stray one before the frame (kept in the raw bytes).
        canonical &= newline == length - 1 && !headers.isEmpty();
        pos = newline + 1;
        continue;
      }
      int colon = indexOf(bytes, (byte) ':', pos, contentEnd);
      if (colon < 0) {
        listener.onInvalid(invalid(InvalidFrameReason.NO_COLON, "line " + lineNumber
            + " has no colon: " + preview(bytes, pos, contentEnd), bytes, length));
        return;
      }
      if (colon == pos) {
        listener.onInvalid(invalid(InvalidFrameReason.EMPTY_NAME, "line " + lineNumber
            + " has no header name: " + preview(bytes, pos, contentEnd), bytes, length));
        return;
      }
      int valueStart = colon + 1;
      if (valueStart < contentEnd && bytes[valueStart] == ' ') {
        valueStart++;
      } else {
        canonical = false;
      }
      Decoded name = decode(bytes, pos, colon);
      Decoded value = decode(bytes, valueStart, contentEnd);
      canonical &= name.exact && value.exact;
      headers.add(new AmiHeader(name.text, value.text));
      pos = newline + 1;
    }
    listener.onFrame(frame(headers, canonical ? null : Arrays.copyOf(bytes, length)));
  }

  private static AmiFrame frame(List<AmiHeader> headers, byte[] raw) {
    String first = headers.get(0).getName();
    AmiFrameKind kind = first.equalsIgnoreCase("Event") ? AmiFrameKind.EVENT
        : first.equalsIgnoreCase("Response") ? AmiFrameKind.RESPONSE : AmiFrameKind.UNKNOWN;
    String eventName = kind == AmiFrameKind.EVENT ? headers.get(0).getValue() : null;
    Long pbxTime = null;
    for (AmiHeader header : headers) {
      if (header.getName().equalsIgnoreCase("Timestamp")) {
        pbxTime = AmiTimestamps.toMicros(header.getValue());
        break;
      }
    }
    return new AmiFrame(kind, eventName, headers, pbxTime, raw, null);
  }

  private record Decoded(String text, boolean exact) {
  }

  private static Decoded decode(byte[] bytes, int from, int to) {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (bytes[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new Decoded(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1), true);
    }
    try {
      String strict = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
      return new Decoded(strict, true);
    } catch (CharacterCodingException e) {
      return new Decoded(new String(bytes, from, to - from, StandardCharsets.UTF_8), false);
    }
  }

  private static int firstControlByte(byte[] bytes, int length) {
    for (int i = 0; i < length; i++) {
      byte b = bytes[i];
      if ((b >= 0 && b < 0x20 && b != '\r' && b != '\n' && b != '\t') || b == 0x7F) {
        return i;
      }
    }
    return -1;
  }

  private static InvalidFrame invalid(InvalidFrameReason reason, String detail, byte[] bytes, int length) {
    return new InvalidFrame(reason, detail, Arrays.copyOf(bytes, length), length);
  }

  private static String preview(byte[] bytes, int from, int to) {
    int end = Math.min(to, from + DETAIL_PREVIEW);
    return "'" + new String(bytes, from, end - from, StandardCharsets.UTF_8) + (end < to ? "...'" : "'");
  }

  private static int indexOfNewline(byte[] bytes, int from, int to) {
    int i = indexOf(bytes, (byte) '\n', from, to);
    return i < 0 ? to - 1 : i;
  }

  private static int indexOf(byte[] data, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (data[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
