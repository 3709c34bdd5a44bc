package io.callstream.deploy.doctor;

import java.util.List;

/** One area {@code callstream doctor} looks at (AMI, Kafka, Bitrix24, recordings). */
public interface Check {

  /** Runs the check; never throws: every failure is a finding. */
  List<CheckResult> run();
}
