package io.callstream.schemas.topics;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.BitrixDeadLetter;
import io.callstream.schemas.BitrixOutcome;
import io.callstream.schemas.CallEvent;
import io.callstream.schemas.CallSummary;
import io.callstream.schemas.InvalidAmiFrame;
import io.callstream.schemas.PbxCommand;
import io.callstream.schemas.PbxCommandExecution;
import io.callstream.schemas.PbxCommandRejection;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every CallStream topic, declared once: name (after the configured prefix), key and value serdes,
 * and creation settings. Keys are strings; see each method for what they hold.
 */
public final class Topics {

  /** Configuration key: a prefix put before every topic name, for several tenants on one cluster. */
  public static final String PREFIX_CONFIG = "topics.prefix";
  public static final String PREFIX_DOC = "Prefix for every topic name (for example 'acme.'), so "
      + "several deployments can share one Kafka cluster. Default: none.";

  public static final String AMI_EVENTS = "pbx.ami.events";
  public static final String AMI_INVALID = "pbx.ami.invalid";
  public static final String CALL_LIFECYCLE = "pbx.calls.lifecycle";
  public static final String CALL_SUMMARY = "pbx.calls.summary";
  public static final String BITRIX_COMMANDS = "crm.bitrix.commands";
  public static final String BITRIX_OUTCOMES = "crm.bitrix.outcomes";
  public static final String BITRIX_DEAD_LETTER = "crm.bitrix.dead-letter";
  public static final String PBX_COMMANDS = "pbx.commands";
  public static final String PBX_COMMAND_EXECUTIONS = "pbx.commands.executions";
  public static final String PBX_COMMANDS_DEAD_LETTER = "pbx.commands.dead-letter";

  private static final String SEVEN_DAYS_MS = Long.toString(7L * 24 * 3600 * 1000);
  private static final Map<String, String> RAW_LOG = Map.of("retention.ms", SEVEN_DAYS_MS);
  private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
  private static final Map<String, String> DEFAULTS = Map.of();

  private final String prefix;
  private final ValueSerdeFactory serdes;

  public Topics(String prefix, ValueSerdeFactory serdes) {
    if (prefix == null || !prefix.matches("[a-zA-Z0-9._-]*")) {
      throw new IllegalArgumentException(PREFIX_CONFIG + " = '" + prefix
          + "': only letters, digits, '.', '_' and '-' are allowed in Kafka topic names");
    }
    this.prefix = prefix;
    this.serdes = serdes;
  }

  public static Topics defaults() {
    return new Topics("", ValueSerdeFactory.defaults());
  }

  /** Raw AMI frames and connection markers, key pbxId. Source of truth, long retention. */
  public TopicDescriptor<String, AmiEvent> amiEvents() {
    return topic(AMI_EVENTS, AmiEvent.class, RAW_LOG);
  }

  /** Bytes that did not parse as AMI frames, key pbxId. */
  public TopicDescriptor<String, InvalidAmiFrame> amiInvalid() {
    return topic(AMI_INVALID, InvalidAmiFrame.class, RAW_LOG);
  }

  /** Call lifecycle steps, key callId. */
  public TopicDescriptor<String, CallEvent> callLifecycle() {
    return topic(CALL_LIFECYCLE, CallEvent.class, DEFAULTS);
  }

  /** One final summary per call, key callId, compacted. */
  public TopicDescriptor<String, CallSummary> callSummary() {
    return topic(CALL_SUMMARY, CallSummary.class, COMPACTED);
  }

  /** The sink's outbox, key portalId. */
  public TopicDescriptor<String, BitrixCommand> bitrixCommands() {
    return topic(BITRIX_COMMANDS, BitrixCommand.class, DEFAULTS);
  }

  /**
   * What Bitrix24 answered per command, key callId. The sink's effectively-once memory: kept
   * seven days whatever the broker's default, longer than the sink remembers outcomes
   * ({@code sink.dedup.retention.hours}, default 72, plus a day).
   */
  public TopicDescriptor<String, BitrixOutcome> bitrixOutcomes() {
    return topic(BITRIX_OUTCOMES, BitrixOutcome.class, RAW_LOG);
  }

  /** Permanent failures, key portalId. */
  public TopicDescriptor<String, BitrixDeadLetter> bitrixDeadLetter() {
    return topic(BITRIX_DEAD_LETTER, BitrixDeadLetter.class, RAW_LOG);
  }

  /** Actions for a PBX started in the CRM, key pbxId. */
  public TopicDescriptor<String, PbxCommand> pbxCommands() {
    return topic(PBX_COMMANDS, PbxCommand.class, DEFAULTS);
  }

  /**
   * The producers' execution log of PbxCommands (STARTED before the Originate, then SENT,
   * REJECTED or FAILED), key pbxId. Read back at start-up so a command is executed once.
   */
  public TopicDescriptor<String, PbxCommandExecution> pbxCommandExecutions() {
    return topic(PBX_COMMAND_EXECUTIONS, PbxCommandExecution.class, DEFAULTS);
  }

  /** PbxCommands refused by validation or failed at the PBX, key pbxId. */
  public TopicDescriptor<String, PbxCommandRejection> pbxCommandsDeadLetter() {
    return topic(PBX_COMMANDS_DEAD_LETTER, PbxCommandRejection.class, RAW_LOG);
  }

  public List<TopicDescriptor<String, ? extends SpecificRecord>> all() {
    return List.of(amiEvents(), amiInvalid(), callLifecycle(), callSummary(), bitrixCommands(),
        bitrixOutcomes(), bitrixDeadLetter(), pbxCommands(), pbxCommandExecutions(),
        pbxCommandsDeadLetter());
  }

  public String prefix() {
    return prefix;
  }

  private <V extends SpecificRecord> TopicDescriptor<String, V> topic(
      String name, Class<V> type, Map<String, String> config) {
    return new TopicDescriptor<>(prefix + name, Serdes.String(), serdes.create(type), config);
  }
}
