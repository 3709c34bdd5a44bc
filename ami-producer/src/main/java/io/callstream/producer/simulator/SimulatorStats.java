package io.callstream.producer.simulator;

/**
 * Counters of one simulated PBX.
 *
 * @param framesReplayed events taken from the captures and sent to every logged-in client
 * @param liveChannels channels alive at this point of the replay
 * @param finished true when every stream has made all its passes
 */
public record SimulatorStats(long connections, long logins, long loginFailures,
    long framesReplayed, int liveChannels, int sessions, boolean finished) {
}
