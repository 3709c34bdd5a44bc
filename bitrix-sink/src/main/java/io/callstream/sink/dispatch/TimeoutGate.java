package io.callstream.sink.dispatch;

import io.callstream.schemas.BitrixCommand;

/**
 * Whether a due CRM-call timeout may be sent now as far as the pipeline upstream of the outbox is
 * concerned: its lifecycle, if there is one, must have had the chance to claim it first.
 */
@FunctionalInterface
interface TimeoutGate {

  /** @param timeout a due {@link io.callstream.sink.mapping.CrmCallTimeout} */
  boolean open(BitrixCommand timeout);

  /** How many due timeouts the gate kept closed in the last step (0 when none). */
  default void held(int count) {
  }
}
