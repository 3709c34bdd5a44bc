package io.callstream.sink.crm;

import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.PbxCommand;
import java.util.List;

/** Puts commands and dead letters into Kafka and returns only once the broker acknowledged all. */
interface RequestPublisher extends AutoCloseable {

  /** @throws PublishException when any record was not acknowledged (nothing may be cleared then) */
  void publish(List<PbxCommand> commands, List<Rejected> deadLetters)
      throws PublishException, InterruptedException;

  /** A dead letter and its key, the portal. */
  record Rejected(String portalId, BitrixDeadLetter letter) {
  }

  @Override
  void close();

  /** Kafka did not take the records. */
  final class PublishException extends Exception {
    PublishException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
