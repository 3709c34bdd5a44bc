package io.callstream.deploy.cli;

import io.callstream.deploy.config.DeployConfig;
import io.callstream.deploy.doctor.AmiCheck;
import io.callstream.deploy.doctor.BitrixCheck;
import io.callstream.deploy.doctor.Check;
import io.callstream.deploy.doctor.CheckResult;
import io.callstream.deploy.doctor.DoctorReport;
import io.callstream.deploy.doctor.KafkaCheck;
import io.callstream.deploy.doctor.RecordingsCheck;
import io.callstream.deploy.run.TokenStore;
import io.callstream.producer.config.PbxConfig;
import io.callstream.producer.config.ProducerConfig;
import io.callstream.sink.client.PortalClients;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.crm.EventsProbe;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code callstream doctor}: checks every connection of a configuration and says what to fix. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check a configuration against the real systems: AMI login and permissions and "
        + "the event volume of each PBX, Kafka reachability and topics, each Bitrix24 portal's "
        + "authentication, scopes, user map, request budget and CRM requests, and recordings.",
        "Each problem is said in plain words with the fix, including which connection a firewall "
        + "must allow, in which direction. Exit code 1 when something must be fixed."})
public final class DoctorCommand implements Callable<Integer> {

  /** What doctor can check. */
  enum Area { AMI, KAFKA, BITRIX, RECORDINGS }

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The callstream.yaml.")
  Path config;

  @Option(names = "--sample", defaultValue = "5s", converter = DurationConverter.class,
      description = "How long to watch each PBX's event stream for the volume advice. Default: ${DEFAULT-VALUE}.")
  Duration sample;

  @Option(names = "--only", split = ",", paramLabel = "AREA",
      description = "Check only these: ami, kafka, bitrix, recordings. Default: all.")
  List<Area> only = new ArrayList<>();

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  private final Map<String, String> environment;
  private final Clock clock = Clock.systemUTC();

  public DoctorCommand() {
    this(System.getenv());
  }

  DoctorCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DeployConfig cfg = DeployConfig.load(config, environment);
    Map<String, Check> checks = new LinkedHashMap<>();
    if (wants(Area.KAFKA)) {
      checks.put("Kafka at " + cfg.kafka().get("bootstrap.servers"), new KafkaCheck(cfg.kafka(), cfg.topics()));
    }
    if (wants(Area.AMI)) {
      for (PbxConfig pbx : ProducerConfig.fromMap(cfg.producerKeys(), environment::get).pbxs()) {
        checks.put("AMI of " + pbx.pbxId() + " (" + sample.toSeconds() + " s sample)", new AmiCheck(pbx, sample, clock));
      }
    }
    if (wants(Area.BITRIX) || wants(Area.RECORDINGS)) {
      TokenStore tokens = new TokenStore(cfg.stateDir());
      SinkConfig sink = SinkConfig.fromMap(tokens.applyTo(cfg.sinkKeys()));
      if (wants(Area.BITRIX)) {
        checks.put("Bitrix24 portals " + sink.portals().keySet(), new BitrixCheck(sink,
            PortalClients.create(sink, tokens::save), EventsProbe.create(sink, tokens::save)));
      }
      if (wants(Area.RECORDINGS)) {
        checks.put("recordings", new RecordingsCheck(sink));
      }
    }
    List<CheckResult> results = new ArrayList<>();
    checks.forEach((what, check) -> {
      out.println("Checking " + what + "...");
      out.flush();
      results.addAll(check.run());
    });
    DoctorReport.print(results, out);
    return DoctorReport.exitCode(results);
  }

  private boolean wants(Area area) {
    return only.isEmpty() || only.contains(area);
  }
}
