package io.callstream.producer.commands;

import java.time.Instant;

/** Searches what the PBX already reported (pbx.ami.events) for a trace of a command's call. */
public interface CallTrace {

  /**
   * True when a frame of {@code pbxId} since {@code since} carries the command's ActionID, or
   * one of its Uniqueids as Uniqueid or Linkedid.
   */
  boolean seen(String pbxId, CommandIds ids, Instant since) throws InterruptedException;
}
