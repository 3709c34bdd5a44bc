package io.callstream.sink.config;

import java.time.Duration;

/**
 * Settings shared by all portals' request receivers: the offline-queue poll interval and where
 * the event handler listens (one HTTP server for every handler-mode portal; the
 * {@code application_token} tells the portals apart).
 */
public record ReceiverConfig(Duration pollInterval, String handlerHost, int handlerPort,
    String handlerPath) {
}
