package io.callstream.correlator.machine;

/** Applies one kind of AMI event to the working copy of the state. */
@FunctionalInterface
public interface EventHandler {
  void handle(Step step);
}
