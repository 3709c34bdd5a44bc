package io.callstream.sink.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the sink needs, validated. Build it with {@link #fromMap(Map)} from flat,
 * lower-case dotted keys (documented in the module README); a wrong value stops start-up with a
 * message that names the key and the fix.
 */
public record SinkConfig(
    String applicationId,
    Map<String, PortalConfig> portals,
    Map<String, RouteConfig> routes,
    TransferMode transferMode,
    boolean skipInternalCalls,
    Optional<String> recordingUrlTemplate,
    Optional<String> recordingDirectory,
    int maxAttempts,
    Duration retryInitial,
    Duration retryMax,
    int batchMaxCommands,
    Duration httpTimeout,
    Duration usersRefresh,
    String processingGuarantee,
    ReceiverConfig receiver,
    Duration crmCallTimeout,
    Duration dedupRetention,
    String correlatorApplicationId) {

  public static final String APPLICATION_ID = "sink.application.id";
  public static final String PORTALS = "bitrix.portals";
  public static final String ROUTES = "sink.pbx.ids";
  public static final String TRANSFER_MODE = "bitrix.transfer.mode";
  public static final String SKIP_INTERNAL = "bitrix.internal.calls.skip";
  public static final String RECORDING_URL_TEMPLATE = "bitrix.recording.url.template";
  public static final String RECORDING_DIRECTORY = "bitrix.recording.directory";
  public static final String RETRY_MAX_ATTEMPTS = "bitrix.retry.max.attempts";
  public static final String RETRY_INITIAL_MS = "bitrix.retry.initial.ms";
  public static final String RETRY_MAX_MS = "bitrix.retry.max.ms";
  public static final String BATCH_MAX = "bitrix.batch.max.commands";
  public static final String HTTP_TIMEOUT_MS = "bitrix.http.timeout.ms";
  public static final String USERS_REFRESH_SECONDS = "bitrix.users.refresh.seconds";
  public static final String PROCESSING_GUARANTEE = "sink.processing.guarantee";
  public static final String RATE_PER_SECOND = "bitrix.rate.per.second";
  public static final String RATE_BURST = "bitrix.rate.burst";
  public static final String OPERATING_LIMIT = "bitrix.operating.limit.seconds";
  public static final String EVENTS_POLL_INTERVAL_MS = "bitrix.events.poll.interval.ms";
  public static final String EVENTS_HANDLER_HOST = "bitrix.events.handler.host";
  public static final String EVENTS_HANDLER_PORT = "bitrix.events.handler.port";
  public static final String EVENTS_HANDLER_PATH = "bitrix.events.handler.path";
  public static final String CRM_CALL_TIMEOUT_SECONDS = "bitrix.crm.call.timeout.seconds";
  public static final String DEDUP_RETENTION_HOURS = "sink.dedup.retention.hours";
  public static final String CORRELATOR_APPLICATION_ID = "sink.correlator.application.id";
  /** The correlator's own default application id, so a default deployment needs no setting. */
  static final String DEFAULT_CORRELATOR_APPLICATION_ID = "callstream-correlator";
  /** Bitrix24 purges never-finished calls after 30 days; remembering longer helps nothing. */
  static final long MAX_DEDUP_RETENTION_HOURS = 30 * 24;
  /** At most a day: a CRM card open longer than that helps nobody. */
  static final long MAX_CRM_CALL_TIMEOUT_SECONDS = 24 * 3600;

  public SinkConfig {
    portals = Map.copyOf(portals);
    routes = Map.copyOf(routes);
  }

  /** The portal a PBX's calls go to, if that PBX is configured. */
  public Optional<RouteConfig> route(String pbxId) {
    return Optional.ofNullable(routes.get(pbxId));
  }

  /** Per-portal and per-PBX keys; the fixed keys are the constants above. */
  static final Pattern PORTAL_KEY = Pattern.compile("bitrix\\.portal\\.[^.]+\\.("
      + "webhook\\.url|oauth\\.rest\\.endpoint|oauth\\.token\\.url|oauth\\.client\\.id"
      + "|oauth\\.client\\.secret|oauth\\.access\\.token|oauth\\.refresh\\.token"
      + "|rate\\.per\\.second|rate\\.burst|operating\\.limit\\.seconds|missed\\.owner\\.user\\.id"
      + "|fallback\\.user\\.id|crm\\.create|crm\\.source|events\\.mode|events\\.application\\.token"
      + "|events\\.handler\\.url|events\\.member\\.id|events\\.max\\.age\\.seconds|commands\\.pbx|callback\\.extension"
      + "|callback\\.user\\.id)");
  static final Pattern PBX_KEY = Pattern.compile("sink\\.pbx\\.[^.]+\\.(portal|timezone)");
  private static final Set<String> FIXED_KEYS = Set.of(APPLICATION_ID, PORTALS, ROUTES,
      TRANSFER_MODE, SKIP_INTERNAL, RECORDING_URL_TEMPLATE, RECORDING_DIRECTORY,
      RETRY_MAX_ATTEMPTS, RETRY_INITIAL_MS, RETRY_MAX_MS, BATCH_MAX, HTTP_TIMEOUT_MS,
      USERS_REFRESH_SECONDS, PROCESSING_GUARANTEE, RATE_PER_SECOND, RATE_BURST, OPERATING_LIMIT,
      EVENTS_POLL_INTERVAL_MS, EVENTS_HANDLER_HOST, EVENTS_HANDLER_PORT, EVENTS_HANDLER_PATH,
      CRM_CALL_TIMEOUT_SECONDS, DEDUP_RETENTION_HOURS, CORRELATOR_APPLICATION_ID);

  /** A misspelt key would silently fall back to a default, so every sink key must be known. */
  private static void rejectUnknownKeys(Map<String, String> values) {
    for (String key : values.keySet()) {
      boolean ours = key.startsWith("bitrix.") || key.startsWith("sink.");
      if (ours && !FIXED_KEYS.contains(key) && !PORTAL_KEY.matcher(key).matches()
          && !PBX_KEY.matcher(key).matches()) {
        throw new ConfigException(key, "is not a setting of the Bitrix24 sink",
            "check the spelling against the key list in bitrix-sink/README.md");
      }
    }
  }

  public static SinkConfig fromMap(Map<String, String> values) {
    rejectUnknownKeys(values);
    ConfigReader r = new ConfigReader(values);
    double defaultRate = r.positiveDouble(RATE_PER_SECOND, 2.0);
    int defaultBurst = (int) r.positiveLong(RATE_BURST, 50);
    double defaultOperating = r.positiveDouble(OPERATING_LIMIT, 480);
    List<String> portalIds = r.list(PORTALS, "list the portal ids, e.g. bitrix.portals=main");
    Map<String, RouteConfig> routes = new LinkedHashMap<>();
    for (String pbx : r.list(ROUTES, "list the PBX ids whose calls go to Bitrix24, e.g. "
        + ROUTES + "=pbx1")) {
      String key = "sink.pbx." + pbx + ".portal";
      String portal = r.required(key, "name the portal (one of " + portalIds
          + ") the calls of PBX '" + pbx + "' go to");
      if (!portalIds.contains(portal)) {
        throw new ConfigException(key, "names unknown portal '" + portal + "'",
            "use one of " + portalIds + " or add it to " + PORTALS);
      }
      routes.put(pbx, new RouteConfig(pbx, portal, r.zone("sink.pbx." + pbx + ".timezone")));
    }
    Map<String, PortalConfig> portals = new LinkedHashMap<>();
    for (String id : portalIds) {
      portals.put(id, portal(r, id, defaultRate, defaultBurst, defaultOperating, routes));
    }
    EventsValidation.distinctApplicationTokens(portals.values());
    TransferMode mode = switch (r.string(TRANSFER_MODE, "per-leg")) {
      case "per-leg" -> TransferMode.PER_LEG;
      case "single-call" -> TransferMode.SINGLE_CALL;
      default -> throw new ConfigException(TRANSFER_MODE, "'" + values.get(TRANSFER_MODE)
          + "' is not a transfer mode", "use per-leg or single-call");
    };
    Optional<String> template = r.optional(RECORDING_URL_TEMPLATE);
    if (template.isPresent() && !template.get().contains("{file}")) {
      throw new ConfigException(RECORDING_URL_TEMPLATE, "has no {file} placeholder",
          "write the URL with {file} where the recording file name goes, "
              + "e.g. https://pbx.example.com/recordings/{file}");
    }
    Optional<String> directory = r.optional(RECORDING_DIRECTORY);
    if (template.isPresent() && directory.isPresent()) {
      throw new ConfigException(RECORDING_DIRECTORY, "is set together with "
          + RECORDING_URL_TEMPLATE, "set only one: the URL template (Bitrix24 downloads) or the "
          + "directory (the sink uploads)");
    }
    int batchMax = (int) r.positiveLong(BATCH_MAX, 50);
    if (batchMax > 50) {
      throw new ConfigException(BATCH_MAX, "is " + batchMax,
          "use at most 50 (Bitrix24 rejects longer batches)");
    }
    long initial = r.positiveLong(RETRY_INITIAL_MS, 500);
    long max = r.positiveLong(RETRY_MAX_MS, 60_000);
    if (max < initial) {
      throw new ConfigException(RETRY_MAX_MS, "is smaller than " + RETRY_INITIAL_MS,
          "make it at least " + initial);
    }
    long crmCallTimeout = r.positiveLong(CRM_CALL_TIMEOUT_SECONDS, 1800);
    if (crmCallTimeout > MAX_CRM_CALL_TIMEOUT_SECONDS) {
      throw new ConfigException(CRM_CALL_TIMEOUT_SECONDS, "is " + crmCallTimeout,
          "use at most " + MAX_CRM_CALL_TIMEOUT_SECONDS + " (a day); it only has to exceed the "
              + "time an originate may take to show up in the lifecycle");
    }
    int attempts = (int) r.positiveLong(RETRY_MAX_ATTEMPTS, 10);
    Duration retention = dedupRetention(r, Duration.ofSeconds(crmCallTimeout)
        .plus(Duration.ofMillis(max).multipliedBy(attempts)));
    String guarantee = r.string(PROCESSING_GUARANTEE, "exactly_once_v2");
    if (!List.of("exactly_once_v2", "at_least_once").contains(guarantee)) {
      throw new ConfigException(PROCESSING_GUARANTEE, "'" + guarantee + "' is not supported",
          "use exactly_once_v2 (default) or at_least_once");
    }
    return new SinkConfig(
        r.string(APPLICATION_ID, "callstream-bitrix-sink"),
        portals, routes, mode,
        r.bool(SKIP_INTERNAL, true),
        template, directory,
        attempts,
        Duration.ofMillis(initial), Duration.ofMillis(max),
        batchMax,
        Duration.ofMillis(r.positiveLong(HTTP_TIMEOUT_MS, 30_000)),
        Duration.ofSeconds(r.positiveLong(USERS_REFRESH_SECONDS, 300)),
        guarantee,
        new ReceiverConfig(Duration.ofMillis(r.positiveLong(EVENTS_POLL_INTERVAL_MS, 5_000)),
            r.string(EVENTS_HANDLER_HOST, "0.0.0.0"), r.port(EVENTS_HANDLER_PORT, 8091),
            EventsValidation.path(r.string(EVENTS_HANDLER_PATH, "/bitrix24/events"),
                EVENTS_HANDLER_PATH)),
        Duration.ofSeconds(crmCallTimeout),
        retention,
        correlatorApplicationId(r));
  }

  /** A Kafka Streams application id: it names the correlator's consumer group. */
  private static String correlatorApplicationId(ConfigReader r) {
    String id = r.string(CORRELATOR_APPLICATION_ID, DEFAULT_CORRELATOR_APPLICATION_ID);
    if (!id.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new ConfigException(CORRELATOR_APPLICATION_ID, "'" + id + "' is not a Kafka Streams "
          + "application id", "use the correlator's correlator.application.id (letters, digits, "
          + "'.', '_' and '-')");
    }
    return id;
  }

  /**
   * How long the effectively-once bookkeeping remembers a command. It must outlast the longest a
   * command can wait in the dispatcher without an outage: a CRM call's timeout, then all retries.
   */
  private static Duration dedupRetention(ConfigReader r, Duration longestWait) {
    long hours = r.positiveLong(DEDUP_RETENTION_HOURS, 72);
    if (hours > MAX_DEDUP_RETENTION_HOURS) {
      throw new ConfigException(DEDUP_RETENTION_HOURS, "is " + hours,
          "use at most " + MAX_DEDUP_RETENTION_HOURS + " (30 days, after which Bitrix24 forgets "
              + "unfinished calls anyway)");
    }
    Duration retention = Duration.ofHours(hours);
    if (retention.compareTo(longestWait) <= 0) {
      throw new ConfigException(DEDUP_RETENTION_HOURS, "is " + hours + " h, not longer than a "
          + "command may wait in the dispatcher (" + CRM_CALL_TIMEOUT_SECONDS + " + "
          + RETRY_MAX_ATTEMPTS + " x " + RETRY_MAX_MS + " = " + longestWait.toMinutes() + " min)",
          "make it longer, or lower those settings");
    }
    return retention;
  }

  private static PortalConfig portal(ConfigReader r, String id, double defaultRate,
      int defaultBurst, double defaultOperating, Map<String, RouteConfig> routes) {
    String p = "bitrix.portal." + id + ".";
    Optional<String> webhook = r.optional(p + "webhook.url");
    PortalAuth auth;
    if (webhook.isPresent()) {
      if (!webhook.get().matches("https?://[^/]+(/[^/]+)*/rest/[0-9]+/[^/]+/?")) {
        throw new ConfigException(p + "webhook.url", "is not an incoming-webhook URL",
            "copy it from Bitrix24 (Developer resources → Incoming webhook): "
                + "https://<portal>/rest/<user id>/<code>/");
      }
      auth = new PortalAuth.Webhook(webhook.get().replaceAll("/$", ""));
    } else {
      String fix = "set either " + p + "webhook.url or all of " + p + "oauth.*";
      auth = new PortalAuth.OAuth(
          r.required(p + "oauth.rest.endpoint", fix).replaceAll("/$", ""),
          r.string(p + "oauth.token.url", "https://oauth.bitrix.info/oauth/token/"),
          r.required(p + "oauth.client.id", fix),
          r.required(p + "oauth.client.secret", fix),
          r.required(p + "oauth.access.token", fix),
          r.required(p + "oauth.refresh.token", fix));
    }
    return new PortalConfig(id, auth,
        r.positiveDouble(p + "rate.per.second", defaultRate),
        (int) r.positiveLong(p + "rate.burst", defaultBurst),
        r.positiveDouble(p + "operating.limit.seconds", defaultOperating),
        r.userId(p + "missed.owner.user.id"),
        r.userId(p + "fallback.user.id"),
        r.bool(p + "crm.create", true),
        r.optional(p + "crm.source"),
        EventsValidation.events(r, id, auth, routes));
  }
}
