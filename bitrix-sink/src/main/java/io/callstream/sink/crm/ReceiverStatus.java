package io.callstream.sink.crm;

import io.callstream.sink.config.EventsMode;
import java.time.Instant;
import java.util.Optional;

/**
 * How one portal's receiver is doing.
 *
 * @param bound the portal's event bindings match the mode (checked at start, retried until so)
 * @param lastSuccess the last good poll round (offline) or binding check (handler)
 * @param lastError the last failure, secrets redacted; empty once a later attempt succeeded
 * @param received requests read so far by this instance
 */
public record ReceiverStatus(String portalId, EventsMode mode, boolean bound,
    Optional<Instant> lastSuccess, Optional<String> lastError, long received) {
}
