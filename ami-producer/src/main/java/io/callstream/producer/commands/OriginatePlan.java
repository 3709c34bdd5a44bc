package io.callstream.producer.commands;

import io.callstream.producer.ami.AmiAction;
import java.time.Duration;

/**
 * A validated Originate: every value here passed {@link CommandValidator}, so it is one safe
 * token. {@code crmCallId} may be null (no CRM call to carry).
 */
public record OriginatePlan(String channel, String context, String exten, String callerId,
    Duration timeout, String crmCallId) {

  /** The inherited variable every channel of the call carries (read by the correlator). */
  public static final String CRM_CALL_ID_VARIABLE = "__CALLSTREAM_CRM_CALL_ID";

  /**
   * The AMI action: asynchronous (a synchronous Originate would block the AMI session until
   * the first leg answers, AMI-SEMANTICS pitfall 20), first leg {@code channel}, then
   * {@code exten@context}, with the ids that make the call recognisable after a restart.
   */
  public AmiAction toAction(CommandIds ids) {
    AmiAction action = AmiAction.of("Originate")
        .header("Channel", channel)
        .header("Context", context)
        .header("Exten", exten)
        .header("Priority", "1")
        .header("Timeout", Long.toString(timeout.toMillis()))
        .header("Async", "true")
        .header("ChannelId", ids.channelId())
        .header("OtherChannelId", ids.otherChannelId());
    if (!callerId.isEmpty()) {
      action.header("CallerID", callerId);
    }
    if (crmCallId != null) {
      action.header("Variable", CRM_CALL_ID_VARIABLE + "=" + crmCallId);
    }
    return action;
  }
}
