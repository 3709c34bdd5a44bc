package io.callstream.deploy.tools;

import java.time.Instant;

/** One line of a call's timeline: when, from which topic, what. */
public record TimelineEntry(Instant at, String source, String text) {
}
