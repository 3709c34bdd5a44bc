package io.callstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark report: machine, versions, settings and figures, as Markdown and JSON. */
public final class BenchReport {

  private final Map<String, String> environment;
  private final Map<String, String> settings;
  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, String> failures = new LinkedHashMap<>();

  public BenchReport(Map<String, String> environment, Map<String, String> settings) {
    this.environment = new LinkedHashMap<>(environment);
    this.settings = new LinkedHashMap<>(settings);
  }

  public void add(Figure figure) {
    figures.add(figure);
  }

  /** A measurement that did not complete: named in the report instead of silently missing. */
  public void failure(String phase, String reason) {
    failures.put(phase, reason);
  }

  public Map<String, String> failures() {
    return Map.copyOf(failures);
  }

  public List<Figure> figures() {
    return List.copyOf(figures);
  }

  public String markdown() {
    StringBuilder md = new StringBuilder("# CallStream benchmark\n\n## Machine and versions\n\n");
    environment.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append("\n## Settings\n\n");
    settings.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    md.append("\n## Figures\n\n| figure | median | min | max | baseline (median) | ratio | target | met |\n")
        .append("| --- | ---: | ---: | ---: | --- | ---: | --- | --- |\n");
    for (Figure f : figures) {
      md.append("| ").append(f.name()).append(" | ").append(num(f.median())).append(' ').append(f.unit())
          .append(" | ").append(num(f.min())).append(" | ").append(num(f.max())).append(" | ")
          .append(f.hasBaseline() ? f.baselineName() + " " + num(f.baselineMedian()) + " " + f.unit() : "-")
          .append(" | ").append(f.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f×", f.ratio()))
          .append(" | ").append(target(f)).append(" | ")
          .append(f.met() == null ? "-" : f.met() ? "yes" : "**no** (" + miss(f) + ")").append(" |\n");
    }
    for (Figure f : figures) {
      if (f.note() != null) {
        md.append("\n- ").append(f.name()).append(": ").append(f.note());
      }
    }
    if (!failures.isEmpty()) {
      md.append("\n\n## Not measured\n\n");
      failures.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
    }
    return md.append('\n').toString();
  }

  public String json() throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("environment", environment);
    root.put("settings", settings);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Figure f : figures) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("unit", f.unit());
      m.put("runs", f.runs());
      m.put("median", f.median());
      m.put("min", f.min());
      m.put("max", f.max());
      m.put("baseline", f.baselineName());
      m.put("baselineRuns", f.baselineRuns());
      m.put("ratio", f.ratio());
      m.put("target", f.target());
      m.put("higherIsBetter", f.higherIsBetter());
      m.put("met", f.met());
      m.put("note", f.note());
      list.add(m);
    }
    root.put("figures", list);
    root.put("failures", failures);
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
  }

  /** Writes {@code <base>.md} and {@code <base>.json}. */
  public void write(Path base) throws IOException {
    Files.writeString(Path.of(base + ".md"), markdown());
    Files.writeString(Path.of(base + ".json"), json());
  }

  private static String target(Figure f) {
    if (f.target() == null) {
      return "-";
    }
    String op = f.higherIsBetter() ? "≥ " : "≤ ";
    return f.hasBaseline() ? op + num(f.target()) + "× baseline" : op + num(f.target()) + " " + f.unit();
  }

  private static String miss(Figure f) {
    double value = f.hasBaseline() ? f.ratio() : f.median();
    if (f.target() == 0) {
      return "off by " + num(value) + " " + f.unit();
    }
    return String.format(Locale.ROOT, "%.0f %% off", Math.abs(value - f.target()) / f.target() * 100);
  }

  /** A few console lines: each figure's median, its ratio and whether the target is met. */
  public String summary() {
    StringBuilder out = new StringBuilder("CallStream benchmark (medians)\n");
    for (Figure f : figures) {
      out.append(String.format(Locale.ROOT, "  %-48s %12s %s", f.name(), num(f.median()), f.unit()));
      if (f.ratio() != null) {
        out.append(String.format(Locale.ROOT, "  (%.2f× %s)", f.ratio(), f.baselineName()));
      }
      if (f.met() != null) {
        out.append(f.met() ? "  target met" : "  TARGET MISSED: " + miss(f));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String num(double v) {
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }
}
