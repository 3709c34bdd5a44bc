package io.callstream.deploy.doctor;

/**
 * One finding of {@code callstream doctor}, in plain words.
 *
 * @param what what was checked and what was found
 * @param fix what to do about it (empty when nothing)
 */
public record CheckResult(Status status, String area, String what, String fix) {

  /** How bad it is. */
  public enum Status { OK, WARN, FAIL }

  public static CheckResult ok(String area, String what) {
    return new CheckResult(Status.OK, area, what, "");
  }

  public static CheckResult warn(String area, String what, String fix) {
    return new CheckResult(Status.WARN, area, what, fix);
  }

  public static CheckResult fail(String area, String what, String fix) {
    return new CheckResult(Status.FAIL, area, what, fix);
  }
}
