package io.callstream.sink.crm;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.PbxCommand;
import java.util.List;

/**
 * Puts commands, the timeouts of their CRM calls and dead letters into Kafka and returns only once
 * the broker acknowledged all.
 */
interface RequestPublisher extends AutoCloseable {

  /**
   * @param crmCallTimeouts {@code crm.bitrix.commands} records (key portal) that finish the CRM's
   *     calls the PBX never reports; acknowledged before any PBX command is sent, so the call's
   *     lifecycle can never overtake its timeout
   * @throws PublishException when any record was not acknowledged (nothing may be cleared then)
   */
  void publish(List<PbxCommand> commands, List<BitrixCommand> crmCallTimeouts,
      List<Rejected> deadLetters) throws PublishException, InterruptedException;

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
