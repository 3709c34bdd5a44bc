package io.callstream.deploy.demo;

import java.util.List;

/** What the demo's page and console show at one moment. */
public record BoardSnapshot(long rawEvents, double rawEventsPerSecond, int activeCalls,
    long endedCalls, long bitrixCommands, double bitrixCommandsPerSecond, long bitrixRequests,
    long deadLetters,
    List<CallView> active, List<CallView> recent) {
}
