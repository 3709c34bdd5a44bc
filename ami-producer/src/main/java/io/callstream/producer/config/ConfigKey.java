package io.callstream.producer.config;

/**
 * One documented configuration key. Global keys are used as they are; per-PBX keys sit below
 * {@code ami.pbx.<pbxId>.}.
 *
 * @param name the key (global) or its suffix after {@code ami.pbx.<pbxId>.} (per PBX)
 * @param defaultValue the value when the key is absent, or null when the key is required or
 *     optional without a default
 * @param doc what the key means, its unit and what 0 or empty means
 */
public record ConfigKey(String name, String defaultValue, String doc) {
}
