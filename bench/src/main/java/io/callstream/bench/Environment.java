package io.callstream.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;

/** What the report says about the machine and the versions, so figures can be compared. */
final class Environment {

  private Environment() {
  }

  static Map<String, String> describe() {
    Map<String, String> env = new LinkedHashMap<>();
    Runtime rt = Runtime.getRuntime();
    env.put("cores", Integer.toString(rt.availableProcessors()));
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      env.put("memory", os.getTotalMemorySize() / (1024 * 1024) + " MiB");
    }
    env.put("max heap", rt.maxMemory() / (1024 * 1024) + " MiB");
    env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    env.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    env.put("Kafka", AppInfoParser.getVersion());
    env.put("CallStream", callStreamVersion());
    env.put("load average at start", loadAverage());
    return env;
  }

  /** The 1/5/15-minute load: other builds on a shared machine make figures noisy. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static String callStreamVersion() {
    String v = Environment.class.getPackage().getImplementationVersion();
    if (v != null) {
      return v;
    }
    try (var in = Environment.class.getResourceAsStream("/META-INF/maven/io.callstream/bench/pom.properties")) {
      if (in != null) {
        var p = new java.util.Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "development build";
  }
}
