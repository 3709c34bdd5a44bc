package io.callstream.bench;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Stand-alone entry, the same flags as {@code callstream bench}: {@code [--quick] [--runs N]
 * [--output PATH]}, plus {@code --latency-settings} (card latency under each step of the settings
 * ladder instead of everything). Exit code 0 after the report is written, 2 for a bad flag.
 */
public final class BenchMain {

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    BenchOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println("usage: bench [--quick] [--runs N] [--output PATH] [--latency-settings]");
      return 2;
    }
    Bench.run(options, out);
    return 0;
  }

  static BenchOptions parse(String[] args) {
    boolean quick = false;
    Integer runs = null;
    Path output = null;
    boolean latencySettings = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--runs" -> runs = parseRuns(value(args, ++i, "--runs"));
        case "--output" -> output = Path.of(value(args, ++i, "--output"));
        case "--latency-settings" -> latencySettings = true;
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    BenchOptions options = BenchOptions.defaults(quick);
    if (latencySettings) {
      options = options.withLatencySettings();
    }
    if (runs != null) {
      options = options.withRuns(runs);
    }
    return output == null ? options : options.withOutput(output);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static int parseRuns(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--runs must be a whole number, was " + s);
    }
  }
}
