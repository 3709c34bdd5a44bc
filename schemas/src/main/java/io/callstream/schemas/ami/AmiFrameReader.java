package io.callstream.schemas.ami;

import io.callstream.schemas.InvalidFrameReason;
import java.util.Arrays;

/**
 * Splits an AMI byte stream into frames without losing a byte: every byte fed in ends up in an
 * {@link AmiFrame} (whose exact bytes can be rebuilt) or an {@link InvalidFrame} (which carries
 * them, up to the size limit). A frame is a run of lines ended by an empty line; the first line
 * of a stream that has no colon is the banner. Bare LF line ends are accepted, as Asterisk's own
 * parser accepts them; empty lines between frames stay with the next frame's bytes.
 *
 * <p>Incremental: feed it whatever the socket returned. Not thread-safe; one reader per
 * connection, used by the thread that reads the socket.
 */
public final class AmiFrameReader {

  private final int maxFrameBytes;
  private final AmiFrameListener listener;
  private final AmiFrameParser parser = new AmiFrameParser();

  private byte[] frame = new byte[4096];
  private int length;
  private int lineStart;
  private long frameBytes;
  private long lineBytes;
  private byte previous;
  private boolean frameHasContent;
  private boolean bannerExpected = true;

  /**
   * @param maxFrameBytes frames longer than this go to {@link InvalidFrameReason#OVERSIZED} with
   *     their first {@code maxFrameBytes} bytes
   */
  public AmiFrameReader(int maxFrameBytes, AmiFrameListener listener) {
    if (maxFrameBytes < 64) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 64, was " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
    this.listener = listener;
  }

  public void feed(byte[] data, int offset, int count) {
    int end = offset + count;
    int pos = offset;
    while (pos < end) {
      int newline = indexOf(data, (byte) '\n', pos, end);
      int chunkEnd = newline < 0 ? end : newline + 1;
      boolean crBeforeNewline = newline >= 0
          && (newline > pos ? data[newline - 1] == '\r' : previous == '\r');
      append(data, pos, chunkEnd - pos);
      previous = data[chunkEnd - 1];
      pos = chunkEnd;
      if (newline >= 0) {
        onLineEnd(lineBytes - 1 - (crBeforeNewline ? 1 : 0) == 0);
      }
    }
  }

  /** The connection ended: whatever is left is a truncated frame. */
  public void endOfStream() {
    if (frameBytes > 0) {
      listener.onInvalid(new InvalidFrame(InvalidFrameReason.TRUNCATED,
          "the connection ended inside a frame after " + frameBytes + " bytes",
          Arrays.copyOf(frame, length), frameBytes));
    }
    reset();
    bannerExpected = true;
  }

  private void append(byte[] data, int from, int count) {
    frameBytes += count;
    lineBytes += count;
    int copied = Math.min(count, maxFrameBytes - length);
    if (copied > 0) {
      if (length + copied > frame.length) {
        frame = Arrays.copyOf(frame, Math.min(maxFrameBytes, Math.max(length + copied, frame.length * 2)));
      }
      System.arraycopy(data, from, frame, length, copied);
      length += copied;
    }
  }

  private void onLineEnd(boolean empty) {
    lineBytes = 0;
    if (frameBytes > maxFrameBytes) {
      if (empty) {
        listener.onInvalid(new InvalidFrame(InvalidFrameReason.OVERSIZED,
            "frame of " + frameBytes + " bytes exceeds the limit of " + maxFrameBytes + " bytes",
            Arrays.copyOf(frame, length), frameBytes));
        reset();
      }
      return;
    }
    if (bannerExpected) {
      bannerExpected = false;
      if (!empty && indexOf(frame, (byte) ':', lineStart, length) < 0) {
        listener.onFrame(parser.banner(frame, length));
        reset();
        return;
      }
    }
    if (empty && frameHasContent) {
      parser.parse(frame, length, listener);
      reset();
      return;
    }
    frameHasContent |= !empty;
    lineStart = length;
  }

  private void reset() {
    length = 0;
    lineStart = 0;
    frameBytes = 0;
    lineBytes = 0;
    frameHasContent = false;
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
