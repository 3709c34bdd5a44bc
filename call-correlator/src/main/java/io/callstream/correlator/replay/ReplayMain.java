package io.callstream.correlator.replay;

import io.callstream.correlator.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Standalone {@code replay}: {@code [--format json|table] [--pbx-id ID] [--preset NAME]
 * [--trunk REGEX]... [--extension REGEX]... [--zone ZONE] FILE.ami...}. The deploy module's
 * {@code callstream replay} calls {@link #run} with the same arguments.
 */
public final class ReplayMain {

  private ReplayMain() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a replay; returns the process exit code (0 ok, 2 usage or input error). */
  public static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
    ReplayOptions o = ReplayOptions.defaults();
    String format = o.format();
    String pbxId = o.pbxId();
    String preset = o.preset();
    ZoneId zone = o.zone();
    List<String> trunks = new ArrayList<>();
    List<String> extensions = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--format" -> format = value(args, ++i, "--format");
          case "--pbx-id" -> pbxId = value(args, ++i, "--pbx-id");
          case "--preset" -> preset = value(args, ++i, "--preset");
          case "--trunk" -> trunks.add(value(args, ++i, "--trunk"));
          case "--extension" -> extensions.add(value(args, ++i, "--extension"));
          case "--zone" -> zone = ZoneId.of(value(args, ++i, "--zone"));
          default -> files.add(Path.of(args[i]));
        }
      }
      if (files.isEmpty()) {
        throw new ConfigException("FILE", "", "give at least one capture file (.ami)");
      }
      ReplayOptions options = new ReplayOptions(pbxId, preset, trunks, extensions, format, zone);
      ReplayFormatter formatter = options.formatter();
      List<ReplayInput> inputs = new ArrayList<>();
      for (Path file : files) {
        inputs.add(ReplayInput.of(file));
      }
      formatter.print(new OfflineReplay(options.toConfig()).replay(pbxId, inputs), out);
      return 0;
    } catch (ConfigException | IOException | java.time.DateTimeException e) {
      err.println("replay: " + e.getMessage());
      return 2;
    }
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new ConfigException(flag, "", "the flag needs a value");
    }
    return args[i];
  }
}
