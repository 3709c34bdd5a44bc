package io.callstream.producer.commands;

import io.callstream.schemas.PbxCommandExecution;
import io.callstream.schemas.PbxCommandRejection;
import java.util.Optional;

/**
 * Where the executor writes what it did, and reads what was done before. Writes return only
 * once they are durable: STARTED must be in Kafka before the Originate leaves.
 */
public interface ExecutionJournal {

  /** The latest step recorded for this command (by any earlier run), if any. */
  Optional<PbxCommandExecution> last(String commandId);

  /** Records a step durably; throws when it cannot (the command is then retried, not lost). */
  void record(PbxCommandExecution execution);

  /** Puts a command that will not be executed on the dead-letter topic, durably. */
  void deadLetter(PbxCommandRejection rejection);
}
