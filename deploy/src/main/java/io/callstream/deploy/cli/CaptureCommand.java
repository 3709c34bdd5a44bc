package io.callstream.deploy.cli;

import io.callstream.deploy.config.ConfigException;
import io.callstream.deploy.config.DeployConfig;
import io.callstream.producer.capture.CapturePublisher;
import io.callstream.producer.capture.CaptureRecorder;
import io.callstream.producer.config.PbxConfig;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.producer.config.Secret;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code callstream capture record|publish}: AMI sessions as {@code .ami} files, for bug reports and replays. */
@Command(name = "capture", mixinStandardHelpOptions = true,
    description = "Record a live AMI session to an .ami file (the exact bytes, as the fixtures are), "
        + "or publish a capture file into the raw topic.",
    subcommands = {CaptureCommand.Record.class, CaptureCommand.Publish.class})
public final class CaptureCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Which PBX: one of the configuration file, or given on the command line. */
  static final class PbxChoice {
    @Option(names = "--config", paramLabel = "FILE", description = "callstream.yaml to take the PBX from.")
    Path config;

    @Option(names = "--pbx", paramLabel = "ID", description = "The PBX id in the configuration file.")
    String pbxId;

    @Option(names = "--host", paramLabel = "HOST", description = "AMI host (without --config).")
    String host;

    @Option(names = "--port", defaultValue = "5038", description = "AMI port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--username", paramLabel = "USER", description = "AMI user (without --config).")
    String username;

    @Option(names = "--secret-env", paramLabel = "VARIABLE",
        description = "Environment variable holding the AMI secret (never give the secret itself).")
    String secretEnv;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "File holding the AMI secret.")
    Path secretFile;

    PbxConfig resolve(Map<String, String> env) {
      if (config != null) {
        if (pbxId == null) {
          throw new ConfigException("--pbx", "name the PBX of " + config + " to capture");
        }
        return ProducerConfig.fromMap(DeployConfig.load(config, env).producerKeys(), env::get).pbxs()
            .stream().filter(p -> p.pbxId().equals(pbxId)).findFirst()
            .orElseThrow(() -> new ConfigException("--pbx", "no PBX '" + pbxId + "' in " + config));
      }
      if (host == null || username == null || (secretEnv == null) == (secretFile == null)) {
        throw new ConfigException("--host", "give --config and --pbx, or --host, --username and one "
            + "of --secret-env / --secret-file");
      }
      return PbxConfig.of(pbxId == null ? "capture" : pbxId, host, port, username, secret(env));
    }

    private Secret secret(Map<String, String> env) {
      if (secretFile != null) {
        try {
          return Secret.of(Files.readString(secretFile).strip());
        } catch (java.io.IOException e) {
          throw new ConfigException("--secret-file", "cannot read " + secretFile + ": " + e.getMessage());
        }
      }
      String secret = env.get(secretEnv);
      if (secret == null) {
        throw new ConfigException("--secret-env", "environment variable " + secretEnv + " is not set");
      }
      return Secret.of(secret);
    }
  }

  @Command(name = "record", mixinStandardHelpOptions = true,
      description = "Log in to a PBX and write every byte it sends to a file, for --duration or until Ctrl-C.")
  static final class Record implements Callable<Integer> {
    @ArgGroup(exclusive = false)
    PbxChoice pbx = new PbxChoice();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.ami", description = "Where to write.")
    Path output;

    @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
        description = "How long to record. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PbxConfig target = pbx.resolve(System.getenv());
      PrintWriter out = spec.commandLine().getOut();
      CountDownLatch stop = new CountDownLatch(1);
      Thread hook = new Thread(stop::countDown, "capture-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      out.printf("Recording %s:%d as %s to %s for up to %d s (Ctrl-C stops)...%n", target.host(),
          target.port(), target.username(), output, duration.toSeconds());
      out.flush();
      CompletableFuture<CaptureRecorder.Recording> recording = CompletableFuture.supplyAsync(() -> {
        try {
          return CaptureRecorder.record(target, output, duration, stop, Duration.ofSeconds(10));
        } catch (Exception e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      });
      while (!recording.isDone()) {
        Thread.sleep(1000);
        if (Files.exists(output)) {
          out.printf("  ... %,d bytes%n", Files.size(output));
          out.flush();
        }
      }
      CaptureRecorder.Recording done = recording.join();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down (Ctrl-C): the capture is complete anyway.
      }
      out.printf("Wrote %s: %,d frames, %,d bytes, %d invalid. Replay it with: callstream replay --format table %s%n",
          done.file(), done.frames(), done.bytes(), done.invalidFrames(), done.file());
      out.flush();
      return 0;
    }
  }

  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = "Publish a capture file into the raw topic as one session of a PBX, as fast as "
          + "possible or at real time x --speed.")
  static final class Publish implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.ami")
    Path file;

    @Option(names = "--pbx-id", required = true, description = "The PBX the session is published as.")
    String pbxId;

    @Option(names = "--speed", defaultValue = "0",
        description = "0 = as fast as possible, 1 = real time, N = N times real time. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Mixin
    KafkaOptions kafka;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      CapturePublisher.Published published = new CapturePublisher(kafka.topics(), kafka.kafkaProperties())
          .publish(file, pbxId, speed);
      spec.commandLine().getOut().printf("Published %,d records of %s as PBX %s, connection %s (%d invalid frames to %s)%n",
          published.records(), file, pbxId, published.connectionId(), published.invalidFrames(),
          kafka.topics().amiInvalid().name());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
