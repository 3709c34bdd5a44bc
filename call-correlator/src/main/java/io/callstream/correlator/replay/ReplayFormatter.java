package io.callstream.correlator.replay;

import java.io.PrintStream;

/** Prints a replay's result. */
public interface ReplayFormatter {
  void print(ReplayResult result, PrintStream out);
}
