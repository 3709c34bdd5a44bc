package io.callstream.sink.emulator;

/** Ids handed out by the emulated portal (statistics, files, leads, lines, transcripts). */
final class IdSequence {

  private int next = 1;

  synchronized int next() {
    return next++;
  }
}
