package io.callstream.correlator.config;

/** One documented configuration key. */
public record ConfigKey(String name, String defaultValue, String doc) {
}
