package io.callstream.producer.config;

import java.util.List;

/** Every key the producer reads, declared once with its default and documentation. */
public final class ConfigKeys {

  /** Per-PBX keys start with this, then the pbxId, then a dot. */
  public static final String PBX_PREFIX = "ami.pbx.";

  public static final ConfigKey RECONNECT_INITIAL_DELAY = new ConfigKey(
      "ami.reconnect.initial.delay.ms", "500",
      "Delay before the first reconnect after a connection ends, in ms (> 0). Doubles per failed "
          + "attempt up to ami.reconnect.max.delay.ms.");
  public static final ConfigKey RECONNECT_MAX_DELAY = new ConfigKey(
      "ami.reconnect.max.delay.ms", "30000",
      "Upper bound of the reconnect delay, in ms (>= ami.reconnect.initial.delay.ms). A session "
          + "that stayed up this long resets the delay to the initial one.");
  public static final ConfigKey RECONNECT_JITTER = new ConfigKey(
      "ami.reconnect.jitter", "0.2",
      "Random spread of each reconnect delay as a fraction (0 to 1): 0.2 means +/-20 %, so many "
          + "producers do not reconnect to one PBX in lockstep. 0 = no jitter.");
  public static final ConfigKey AUTH_RETRY_DELAY = new ConfigKey(
      "ami.auth.retry.delay.ms", "60000",
      "Delay before logging in again after the PBX rejected the credentials, in ms (> 0).");
  public static final ConfigKey AUTH_MAX_RETRIES = new ConfigKey(
      "ami.auth.max.retries", "3",
      "How often to retry a login the PBX rejected before the connection stops with state "
          + "FAILED (>= 0). 0 = stop after the first rejection. Fix the secret and restart.");
  public static final ConfigKey CONNECT_TIMEOUT = new ConfigKey(
      "ami.connect.timeout.ms", "5000", "TCP (and TLS) connect timeout, in ms (> 0).");
  public static final ConfigKey LOGIN_TIMEOUT = new ConfigKey(
      "ami.login.timeout.ms", "10000",
      "Time allowed for banner, Challenge and Login answers, in ms (> 0). Asterisk delays a "
          + "rejected login by 1 s, so keep this above 2000.");
  public static final ConfigKey KEEPALIVE_INTERVAL = new ConfigKey(
      "ami.keepalive.interval.ms", "20000",
      "How often a Ping is sent on an idle-or-not connection, in ms (> 0). AMI has no server "
          + "keep-alive; this is what detects a half-open TCP connection.");
  public static final ConfigKey KEEPALIVE_TIMEOUT = new ConfigKey(
      "ami.keepalive.timeout.ms", "10000",
      "How long to wait for the Ping answer before the connection is declared dead, closed and "
          + "reconnected, in ms (> 0).");
  public static final ConfigKey RESYNC_ACTIONS = new ConfigKey(
      "ami.resync.actions", "CoreShowChannels,BridgeList,QueueStatus,ParkedCalls",
      "List actions sent after every (re)connect; their answers are published between "
          + "RESYNC_BEGIN and RESYNC_END. Comma-separated AMI action names; empty = no resync "
          + "(not recommended: the correlator then cannot close calls whose Hangup was missed).");
  public static final ConfigKey RESYNC_TIMEOUT = new ConfigKey(
      "ami.resync.timeout.ms", "30000",
      "Time allowed for all resync lists to complete, in ms (> 0); RESYNC_END says which did not.");
  public static final ConfigKey HANDOFF_CAPACITY = new ConfigKey(
      "ami.handoff.capacity", "65536",
      "Frames buffered per PBX between the socket reader and Kafka (>= 16). When Kafka cannot "
          + "keep up for longer than this holds, the connection is closed with a DISCONNECTED "
          + "marker counting the dropped frames, then reconnected and resynchronised.");
  public static final ConfigKey FRAME_MAX_BYTES = new ConfigKey(
      "ami.frame.max.bytes", "1048576",
      "Largest AMI frame accepted, in bytes (>= 1024); larger ones go to pbx.ami.invalid as "
          + "OVERSIZED with their first bytes.");
  public static final ConfigKey CAPTURE_DIR = new ConfigKey(
      "ami.capture.dir", "",
      "When set, every session's exact received bytes are also written to "
          + "<dir>/<pbxId>-<connectionId>.ami (for bug reports). Empty = off. The file write "
          + "happens on the reader thread; use it on a local disk.");

  public static final ConfigKey COMMANDS_ENABLED = new ConfigKey(
      "ami.commands.enabled", "false",
      "true = this producer also executes pbx.commands (click-to-call, callback) for its PBXs.");
  public static final ConfigKey COMMANDS_GROUP_ID = new ConfigKey(
      "ami.commands.group.id", "",
      "Kafka consumer group for pbx.commands. Empty = 'callstream-ami-commands.' + this process's "
          + "pbxIds joined by '+'. Every producer process needs its own group: each reads every "
          + "partition and acts only on the PBXs it owns.");
  public static final ConfigKey COMMANDS_PBX_WAIT = new ConfigKey(
      "ami.commands.pbx.wait.ms", "60000",
      "How long a command waits for its PBX to be connected, in ms (> 0); then it FAILs "
          + "(dead letter, ERROR log, metric). Commands are executed one at a time per process.");
  public static final ConfigKey COMMANDS_MAX_AGE = new ConfigKey(
      "ami.commands.max.age.ms", "600000",
      "A command whose requestedAt is older than this when it is read is not executed (an agent's "
          + "phone must not ring for a click from long ago, e.g. after an outage or on first "
          + "start): FAILED with field requestedAt, dead letter, ERROR log, metric. In ms (> 0).");
  public static final ConfigKey COMMANDS_RESPONSE_TIMEOUT = new ConfigKey(
      "ami.commands.response.timeout.ms", "10000",
      "How long to wait for the PBX's answer to an Originate or to the CoreShowChannels check, in ms (> 0).");
  public static final ConfigKey COMMANDS_TRACE_LOOKBACK = new ConfigKey(
      "ami.commands.trace.lookback.ms", "120000",
      "On recovery of a command STARTED but not SENT, pbx.ami.events is searched for its call from "
          + "this long before the STARTED record, in ms (> 0).");

  public static final ConfigKey PBX_HOST = new ConfigKey(
      "host", null, "Host name or IP of the PBX's AMI (required).");
  public static final ConfigKey PBX_PORT = new ConfigKey(
      "port", "5038", "AMI TCP port (1..65535); 5039 is the usual TLS port.");
  public static final ConfigKey PBX_USERNAME = new ConfigKey(
      "username", null, "AMI user from manager.conf (required).");
  public static final ConfigKey PBX_SECRET_ENV = new ConfigKey(
      "secret.env", null,
      "Name of the environment variable holding the AMI secret. Exactly one of secret.env and "
          + "secret.file is required; the secret itself is never accepted as a configuration value.");
  public static final ConfigKey PBX_SECRET_FILE = new ConfigKey(
      "secret.file", null,
      "Path of a file whose content (trailing line end removed) is the AMI secret.");
  public static final ConfigKey PBX_TLS = new ConfigKey(
      "tls", "false",
      "true = connect with TLS (Asterisk tlsenable=yes), verifying the certificate against the "
          + "JVM trust store (javax.net.ssl.trustStore) and the host name.");
  public static final ConfigKey PBX_EVENTS = new ConfigKey(
      "events", "on",
      "Login event mask: 'on' (everything the user may read), 'off', or a class list such as "
          + "'call,agent,user,cdr,system' (drops the Newexten/VarSet dialplan flood at the source).");
  public static final ConfigKey PBX_FILTER = new ConfigKey(
      "filter.<n>", null,
      "AMI Filter expressions sent with 'Action: Filter, Operation: Add' after login, in the "
          + "order of <n> (1, 2, ...). The legacy form is a regex such as 'Event: Newchannel' or "
          + "'!Event: VarSet'; on Asterisk 18.26/20.11/21.6/22.1+ a value starting with "
          + "'MatchCriteria=' is sent as the advanced form 'MatchCriteria: ...' plus the rest as "
          + "'Filter: ...'. None = no filtering.");

  public static final ConfigKey ORIGINATE_CONTEXT = new ConfigKey(
      "originate.context", "from-internal",
      "Context the agent's answered phone continues in to dial the number (FreePBX: from-internal, "
          + "which applies the outbound routes).");
  public static final ConfigKey ORIGINATE_CHANNEL_TEMPLATE = new ConfigKey(
      "originate.channel.template", "PJSIP/{extension}",
      "The agent's phone, rung first; {extension} is replaced (e.g. Local/{extension}@from-internal "
          + "to ring follow-me and all devices).");
  public static final ConfigKey ORIGINATE_CALLER_ID = new ConfigKey(
      "originate.caller.id", "{number}",
      "Caller ID shown on the agent's phone; {number} is replaced by the number to call. Empty = "
          + "the PBX's default.");
  public static final ConfigKey ORIGINATE_EXTENSION_PATTERN = new ConfigKey(
      "originate.extension.pattern", "[0-9]{2,6}",
      "Regular expression an extension must match as a whole; anything else is rejected.");
  public static final ConfigKey ORIGINATE_TIMEOUT = new ConfigKey(
      "originate.timeout.ms", "30000",
      "How long the first leg (agent's phone, or the customer for a callback) may ring, in ms "
          + "(1000..600000).");
  public static final ConfigKey ORIGINATE_CALLBACK_CHANNEL_TEMPLATE = new ConfigKey(
      "originate.callback.channel.template", "Local/{number}@from-internal",
      "A callback calls the customer first through this channel; {number} is replaced.");
  public static final ConfigKey ORIGINATE_CALLBACK_CONTEXT = new ConfigKey(
      "originate.callback.context", "from-internal",
      "Context the answered customer continues in to reach the callback destination.");
  public static final ConfigKey ORIGINATE_CALLBACK_DESTINATION = new ConfigKey(
      "originate.callback.destination", "",
      "Where an answered callback goes when the command names no extension (queue, ring group or "
          + "extension number). Empty = such callbacks are rejected to the dead letter topic.");

  public static final List<ConfigKey> GLOBAL = List.of(RECONNECT_INITIAL_DELAY, RECONNECT_MAX_DELAY,
      RECONNECT_JITTER, AUTH_RETRY_DELAY, AUTH_MAX_RETRIES, CONNECT_TIMEOUT, LOGIN_TIMEOUT,
      KEEPALIVE_INTERVAL, KEEPALIVE_TIMEOUT, RESYNC_ACTIONS, RESYNC_TIMEOUT, HANDOFF_CAPACITY,
      FRAME_MAX_BYTES, CAPTURE_DIR, COMMANDS_ENABLED, COMMANDS_GROUP_ID, COMMANDS_PBX_WAIT,
      COMMANDS_MAX_AGE, COMMANDS_RESPONSE_TIMEOUT, COMMANDS_TRACE_LOOKBACK);

  public static final List<ConfigKey> PER_PBX = List.of(PBX_HOST, PBX_PORT, PBX_USERNAME,
      PBX_SECRET_ENV, PBX_SECRET_FILE, PBX_TLS, PBX_EVENTS, PBX_FILTER, ORIGINATE_CONTEXT,
      ORIGINATE_CHANNEL_TEMPLATE, ORIGINATE_CALLER_ID, ORIGINATE_EXTENSION_PATTERN, ORIGINATE_TIMEOUT,
      ORIGINATE_CALLBACK_CHANNEL_TEMPLATE, ORIGINATE_CALLBACK_CONTEXT, ORIGINATE_CALLBACK_DESTINATION);

  private ConfigKeys() {
  }
}
