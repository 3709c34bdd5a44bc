package io.callstream.sink.config;

import java.util.Optional;

/**
 * One Bitrix24 portal: where and how to call it, its request budget, who owns calls that no
 * agent took, and how its CRM-started calls are received.
 */
public record PortalConfig(
    String id,
    PortalAuth auth,
    double ratePerSecond,
    int burst,
    double operatingLimitSeconds,
    Optional<Long> missedOwnerUserId,
    Optional<Long> fallbackUserId,
    boolean crmCreate,
    Optional<String> crmSource,
    EventsConfig events) {
}
