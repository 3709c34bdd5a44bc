package io.callstream.sink.config;

import java.time.ZoneId;

/** Where the calls of one PBX go, and the PBX's time zone (for CALL_START_DATE offsets). */
public record RouteConfig(String pbxId, String portalId, ZoneId pbxZone) {
}
