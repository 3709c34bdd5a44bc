package io.callstream.deploy.demo;

import java.util.List;

/**
 * One call as the demo shows it: its identity, where it stands, its lifecycle so far and what
 * Bitrix24 made of it.
 */
public record CallView(String callId, String pbxId, String direction, String externalNumber,
    String line, String state, String extension, String disposition, Double talkSeconds,
    String startedAt, String endedAt, List<String> rang, List<String> lifecycle, List<String> crm) {
}
