package io.callstream.deploy.cli;

import io.callstream.kafka.embedded.EmbeddedKafkaBroker;
import io.callstream.schemas.topics.TopicDescriptor;
import io.callstream.schemas.topics.TopicProvisioner;
import io.callstream.schemas.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code callstream demo}: everything in one JVM on an embedded Kafka broker. Stops on Ctrl-C or
 * after {@code --duration}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the local demo in this JVM: an embedded Kafka broker (KRaft, 127.0.0.1) "
        + "with every CallStream topic. Stops on Ctrl-C or after --duration.")
public final class DemoCommand implements Callable<Integer> {

  @Option(names = "--duration", paramLabel = "DURATION",
      description = "Stop after this long (ISO-8601 like PT2M, or seconds). Default: until Ctrl-C.",
      converter = DurationConverter.class)
  private Duration duration;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Starting the embedded Kafka broker (KRaft, single node, 127.0.0.1)...");
    out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      Thread hook = new Thread(stop::countDown, "demo-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      Topics topics = Topics.defaults();
      List<String> created;
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        created = new TopicProvisioner(admin).createMissing(topics, 1, (short) 1);
      }
      out.printf("Kafka broker up at %s (data in %s)%n", broker.bootstrapServers(), broker.dataDir());
      out.printf("Topics created (%d):%n", created.size());
      for (TopicDescriptor<String, ?> topic : topics.all()) {
        out.printf("  %-26s %s%n", topic.name(), topic.topicConfig().isEmpty() ? "" : topic.topicConfig());
      }
      out.println(duration == null ? "Running; press Ctrl-C to stop."
          : "Running for " + duration.toSeconds() + " s; press Ctrl-C to stop earlier.");
      out.flush();
      if (duration == null) {
        stop.await();
      } else {
        stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        Runtime.getRuntime().removeShutdownHook(hook);
      }
      out.println("Stopping...");
      out.flush();
    }
    out.println("Stopped.");
    out.flush();
    return 0;
  }
}
