package io.callstream.correlator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.callstream.correlator.ami.NoiseFilter;
import io.callstream.correlator.config.CorrelatorConfig;
import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.ami.RecordedCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * A realistic installation other than the recorded one: the 18 captures as that PBX would have
 * sent them, the truth files with the same names rewritten, and the configuration its integrator
 * would write ({@code detection} says why running it with no configuration at all is expected to
 * work, or why not).
 *
 * @param name short name for test reports
 * @param rewrite what differs in the frames and the truth
 * @param delivered what of the PBX's events the producer's AMI session receives
 * @param timestamps whether the PBX sends {@code Timestamp} headers ({@code timestampevents})
 * @param integratorConfig the correlator settings written for this PBX
 * @param detectable whether detection (no configuration) can be expected to tell trunks from
 *     extensions
 * @param detection why it can, or why not
 */
record PbxVariant(String name, PbxRewrite rewrite, UnaryOperator<List<AmiEvent>> delivered,
    boolean timestamps,
    Map<String, String> integratorConfig, boolean detectable, String detection) {

  /** Receive time of a PBX without Timestamps: the producer's host clock and network lag. */
  static final Duration RECEIVE_LAG = Duration.ofMillis(2500);
  private static final int MAX_JITTER_MILLIS = 150;
  private static final UnaryOperator<List<AmiEvent>> EVERYTHING = UnaryOperator.identity();
  /** manager.conf {@code channelvars=}: the variables the model reads (NoiseFilter). */
  private static final List<String> CHANNELVARS = NoiseFilter.VARIABLES.stream().sorted()
      .toList();

  static List<PbxVariant> all() {
    return List.of(
        // The channel driver alone, on the recorded dialplan (plain Asterisk ≤ 20 with a
        // FreePBX-17-like dialplan); FreePBX 16 with chan_sip is the combined variant below.
        new PbxVariant("chan_sip", PbxRewrites.chanSip(), EVERYTHING, true,
            Map.of(CorrelatorConfig.PRESET, "freepbx17",
                CorrelatorConfig.TRUNK_PATTERNS, "SIP/trunk-.*",
                CorrelatorConfig.EXTENSION_PATTERNS, "SIP/(\\d+)-.*"),
            true, "peers named by 3 digits are extensions, 'trunk' is not a number"),
        new PbxVariant("freepbx16-macros", PbxRewrites.macroEra(), EVERYTHING, true,
            Map.of(CorrelatorConfig.PRESET, "freepbx16"),
            true, "auto knows the macro dial contexts and from-trunk"),
        new PbxVariant("freepbx16-chan_sip-ip-peer",
            PbxRewrites.chain(PbxRewrites.macroEra(), PbxRewrites.chanSip(),
                PbxRewrites.trunkNamed("198.51.100.7")), EVERYTHING, true,
            Map.of(CorrelatorConfig.PRESET, "freepbx16",
                CorrelatorConfig.TRUNK_PATTERNS, "SIP/198\\.51\\.100\\.7-.*",
                CorrelatorConfig.EXTENSION_PATTERNS, "SIP/(\\d{3})-.*"),
            true, "an IP address is not a number; from-trunk and the macros are in auto"),
        new PbxVariant("4-digit-extensions-e164-provider-trunk",
            PbxRewrites.chain(
                PbxRewrites.extensions(Map.of("101", "2101", "102", "2102", "103", "2103")),
                PbxRewrites.trunkNamed("sipnet-out"), PbxRewrites.trunkContext("from-pstn"),
                PbxRewrites.outsideNumbers("+7")), EVERYTHING, true,
            Map.of(CorrelatorConfig.PRESET, "freepbx17",
                CorrelatorConfig.TRUNK_PATTERNS, "PJSIP/sipnet-out-.*",
                CorrelatorConfig.EXTENSION_PATTERNS, "PJSIP/(\\d{4})-.*"),
            true, "4 digits are within extension.max.digits; 'sipnet-out' is not a number"),
        new PbxVariant("7-digit-extensions",
            PbxRewrites.extensions(Map.of("101", "1234101", "102", "1234102", "103", "1234103")),
            EVERYTHING, true,
            Map.of(CorrelatorConfig.PRESET, "freepbx17",
                CorrelatorConfig.TRUNK_PATTERNS, "PJSIP/trunk-.*",
                CorrelatorConfig.EXTENSION_PATTERNS, "PJSIP/(\\d{7})-.*"),
            false, "endpoints named by 7 digits are beyond extension.max.digits (6), so by name "
                + "they are trunks, as a provider account named by its number would be; an "
                + "extension calling out then opens an inbound call. Set "
                + "extension.max.digits=7 or patterns"),
        new PbxVariant("national-numbers-numeric-trunk",
            PbxRewrites.chain(PbxRewrites.trunkNamed("100500"), PbxRewrites.outsideNumbers("8")),
            EVERYTHING, true,
            Map.of(CorrelatorConfig.PRESET, "freepbx17",
                CorrelatorConfig.TRUNK_PATTERNS, "PJSIP/100500-.*",
                CorrelatorConfig.EXTENSION_PATTERNS, "PJSIP/(\\d{3})-.*"),
            true, "by its name the 6-digit trunk '100500' looks like an extension; only the FreePBX "
                + "contexts (trunk channels are created in from-trunk, outbound dials run in "
                + "trunk-dial-with-exten) tell it is a trunk"),
        new PbxVariant("systemname", PbxRewrites.systemName("pbx-msk1"), EVERYTHING, true,
            Map.of(CorrelatorConfig.PRESET, "freepbx17"),
            true, "nothing about names changes"),
        new PbxVariant("no-dialplan-class-channelvars", PbxRewrites.chain(),
            events -> ChannelVarsSession.of(events, CHANNELVARS), true,
            Map.of(CorrelatorConfig.PRESET, "freepbx17"),
            true, "nothing about names changes"),
        new PbxVariant("no-timestamps", PbxRewrites.chain(), EVERYTHING, false,
            Map.of(CorrelatorConfig.PRESET, "freepbx17"),
            true, "nothing about names changes"));
  }

  /** The capture as this PBX sends it, as one producer session. */
  List<AmiEvent> session(String scenario) {
    List<AmiEvent> events = Ami.session(scenario, "c1").stream().map(e ->
        e.getKind() != AmiFrameKind.EVENT ? e : AmiEvent.newBuilder(e).setRawFrame(null)
            .setHeaders(rewrite.headers(e.getHeaders())).build()).toList();
    List<AmiEvent> received = delivered.apply(events);
    return timestamps ? received : receivedLate(ClockSkew.withoutTimestamps(received), scenario);
  }

  /** The truth file with every name and number rewritten as in the frames. */
  JsonNode truth(String scenario) {
    try {
      JsonNode truth = RecordedCallsTruthTest.JSON.readTree(RecordedCalls.truth(scenario));
      return rewritten(truth, "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  CorrelatorConfig config(boolean configured) {
    return configured ? CorrelatorConfig.fromMap(integratorConfig) : CorrelatorConfig.defaults();
  }

  @Override
  public String toString() {
    return name;
  }

  private JsonNode rewritten(JsonNode node, String field) {
    if (node.isTextual()) {
      return TextNode.valueOf(rewrite.truth(field, node.asText()));
    }
    if (node.isArray()) {
      ArrayNode out = ((ArrayNode) node).arrayNode();
      node.forEach(item -> out.add(rewritten(item, field)));
      return out;
    }
    if (node.isObject()) {
      ObjectNode out = ((ObjectNode) node).objectNode();
      node.fields().forEachRemaining(f -> out.set(f.getKey(), rewritten(f.getValue(),
          f.getKey())));
      return out;
    }
    return node;
  }

  /**
   * Receive times of a PBX that stamps nothing: the producer hears each frame some lag after the
   * PBX made it, with a little jitter, never before the frame ahead of it.
   */
  private static List<AmiEvent> receivedLate(List<AmiEvent> events, String scenario) {
    Random jitter = new Random(scenario.hashCode());
    List<AmiEvent> out = new ArrayList<>();
    Instant last = Instant.MIN;
    for (AmiEvent e : events) {
      Instant at = e.getReceivedAt().plus(RECEIVE_LAG)
          .plusMillis(jitter.nextInt(MAX_JITTER_MILLIS + 1));
      last = at.isAfter(last) ? at : last;
      out.add(AmiEvent.newBuilder(e).setReceivedAt(last).build());
    }
    return out;
  }
}
