package io.callstream.deploy.doctor;

import java.io.PrintWriter;
import java.util.List;

/** Prints doctor findings for people, and tells the exit code. */
public final class DoctorReport {

  private DoctorReport() {
  }

  public static void print(List<CheckResult> results, PrintWriter out) {
    String area = null;
    for (CheckResult r : results) {
      if (!r.area().equals(area)) {
        area = r.area();
        out.println();
        out.println(area);
      }
      out.printf("  %-4s %s%n", r.status(), r.what());
      if (!r.fix().isEmpty()) {
        out.printf("       fix: %s%n", r.fix());
      }
    }
    long failures = results.stream().filter(r -> r.status() == CheckResult.Status.FAIL).count();
    long warnings = results.stream().filter(r -> r.status() == CheckResult.Status.WARN).count();
    out.printf("%n%d problem(s), %d warning(s).%n", failures, warnings);
    out.flush();
  }

  /** 0 when nothing failed, 1 otherwise. */
  public static int exitCode(List<CheckResult> results) {
    return results.stream().anyMatch(r -> r.status() == CheckResult.Status.FAIL) ? 1 : 0;
  }
}
