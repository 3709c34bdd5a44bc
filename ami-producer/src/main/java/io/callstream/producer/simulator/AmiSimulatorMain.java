package io.callstream.producer.simulator;

import io.callstream.schemas.ami.RecordedCalls;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs simulated PBXs from the command line, for demos and load tests:
 *
 * <pre>
 * java -cp ... io.callstream.producer.simulator.AmiSimulatorMain \
 *     --pbxs 10 --port 15038 --speed 1 --loops 0 --calls 5 --scenarios all --user crm
 * </pre>
 *
 * Like a live PBX, it stamps its events with the current time (the captures' times are moved).
 * The secret the simulators accept comes from the environment variable
 * {@code CALLSTREAM_SIMULATOR_SECRET} (default {@code simulator}), never from the command line.
 */
public final class AmiSimulatorMain {

  static final String SECRET_ENV = "CALLSTREAM_SIMULATOR_SECRET";
  private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

  private AmiSimulatorMain() {
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
    run(options, System.out, stop);
  }

  /** Starts the simulators, reports their counters until {@code stop} counts down, closes them. */
  static void run(Options options, PrintStream out, CountDownLatch stop)
      throws IOException, InterruptedException {
    String secret = System.getenv().getOrDefault(SECRET_ENV, "simulator");
    SimulatorConfig config = new SimulatorConfig(options.user, secret, options.captures(),
        options.speed, options.loops, options.calls, true, Duration.ofSeconds(1), "11.0.0", true);
    List<AmiSimulator> simulators = new ArrayList<>();
    try {
      for (int i = 0; i < options.pbxs; i++) {
        int port = options.port == 0 ? 0 : options.port + i;
        AmiSimulator sim = AmiSimulator.start(config, port, Clock.systemUTC());
        simulators.add(sim);
        out.printf("simulated PBX %d listening on %s:%d (user '%s', secret from $%s)%n", i,
            sim.host(), sim.port(), options.user, SECRET_ENV);
      }
      while (!stop.await(REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
        for (int i = 0; i < simulators.size(); i++) {
          out.printf("PBX %d: %s%n", i, simulators.get(i).stats());
        }
      }
    } finally {
      simulators.forEach(AmiSimulator::close);
    }
  }

  /** Command-line options. */
  record Options(int pbxs, int port, double speed, int loops, int calls, String user,
      List<String> scenarios, List<Path> files) {

    static final String USAGE = "options: --pbxs N (1) --port FIRST (0 = free ports) --speed X "
        + "(1 = real time, 0 = as fast as possible) --loops N (0 = forever) --calls N (1) "
        + "--scenarios a,b|all (all) --capture FILE.ami (repeatable, instead of scenarios) --user NAME (crm)";

    static Options parse(String[] args) {
      Map<String, List<String>> values = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
        }
        values.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[i + 1]);
      }
      for (String key : values.keySet()) {
        if (!List.of("pbxs", "port", "speed", "loops", "calls", "scenarios", "capture", "user").contains(key)) {
          throw new IllegalArgumentException("unknown option --" + key);
        }
      }
      String scenarios = one(values, "scenarios", "all");
      return new Options(Integer.parseInt(one(values, "pbxs", "1")),
          Integer.parseInt(one(values, "port", "0")), Double.parseDouble(one(values, "speed", "1")),
          Integer.parseInt(one(values, "loops", "0")), Integer.parseInt(one(values, "calls", "1")),
          one(values, "user", "crm"),
          scenarios.equals("all") ? RecordedCalls.SCENARIOS : List.of(scenarios.split(",")),
          values.getOrDefault("capture", List.of()).stream().map(Path::of).toList());
    }

    Map<String, byte[]> captures() throws IOException {
      Map<String, byte[]> captures = new LinkedHashMap<>();
      if (files.isEmpty()) {
        for (String s : scenarios) {
          captures.put(s, RecordedCalls.capture(s));
        }
      }
      for (Path f : files) {
        captures.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
      return captures;
    }

    private static String one(Map<String, List<String>> values, String key, String fallback) {
      List<String> v = values.get(key);
      return v == null ? fallback : v.get(v.size() - 1);
    }
  }
}
