package io.callstream.sink.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portal's telephony state (contract §3): active and finished calls, the 30-minute
 * re-register rule, finish once, records and transcripts only after finish, the 30-day purge of
 * never-finished calls, lines, and the leads calls create. One lock guards it all; the helpers
 * ({@link CrmLeads}, {@link CallRecords}, {@link Transcriptions}, {@link ExternalLines}) are only
 * called under it.
 */
final class TelephonyStore {

  private static final long DUPLICATE_WINDOW_MILLIS = 30 * 60 * 1000L;
  /** Never-finished calls whose DATE_CREATE is older than this are deleted (§3.0). */
  static final Duration PURGE_AFTER = Duration.ofDays(30);

  private final Clock clock;
  private final ZoneId zone;
  private final EmulatedUsers users;
  private final IdSequence ids = new IdSequence();
  private final CrmLeads leads;
  private final CallRecords records = new CallRecords(ids);
  private final Transcriptions transcriptions = new Transcriptions(ids);
  private final ExternalLines lines = new ExternalLines(ids);
  private final Map<String, StoredCall> calls = new LinkedHashMap<>();
  private int purged;

  TelephonyStore(Clock clock, ZoneId zone, EmulatedUsers users) {
    this.clock = clock;
    this.zone = zone;
    this.users = users;
    this.leads = new CrmLeads(users, ids);
  }

  synchronized Map<String, Object> register(String app, Map<String, Object> p) {
    purgeStale();
    int user = user(p);
    int type = RequestParams.intValue(p, "TYPE");
    if (type < 1 || type > 5) {
      throw ApiError.method("Unknown TYPE");
    }
    long start = startDate(RequestParams.string(p, "CALL_START_DATE"));
    String phone = normalize(RequestParams.string(p, "PHONE_NUMBER"));
    if (phone.isEmpty()) {
      throw ApiError.method("Unsupported phone number format");
    }
    String line = ExternalLines.lineNumber(RequestParams.string(p, "LINE_NUMBER"));
    String external = RequestParams.string(p, "EXTERNAL_CALL_ID");
    long now = clock.millis();
    for (StoredCall c : calls.values()) {
      if (!c.finished && c.app.equals(app) && c.userId == user && c.phone.equals(phone)
          && c.type == type && c.createdAtMillis > now - DUPLICATE_WINDOW_MILLIS
          && (line == null || line.equals(c.line))
          && (external == null || external.equals(c.externalCallId))) {
        c.registerRequests++;
        if (RequestParams.flag(p, "SHOW", true)) {
          show(c, List.of(user));
        }
        return registerResult(c, false);
      }
    }
    lines.ensure(app, line);
    StoredCall c = new StoredCall();
    c.callId = "externalCall." + md5(app + "|" + phone + "|" + now + "|" + calls.size()) + "."
        + now / 1000;
    c.externalCallId = external;
    c.app = app;
    c.userId = user;
    c.phone = phone;
    c.type = type;
    c.line = line;
    c.startDate = RequestParams.string(p, "CALL_START_DATE");
    c.createdAtMillis = start;
    c.registerRequests = 1;
    // An active employee's extension as the number makes the call internal: no CRM search, no lead.
    c.internal = users.isExtension(phone);
    boolean created = false;
    if (!c.internal) {
      c.leadId = leads.byPhone(phone);
      if (c.leadId == null
          && (RequestParams.flag(p, "CRM_CREATE", false) || RequestParams.flag(p, "CRM", false))) {
        c.leadId = leads.add("Call from " + phone, phone, user, RequestParams.string(p, "CRM_SOURCE"));
        created = true;
      }
    }
    calls.put(c.callId, c);
    if (RequestParams.flag(p, "SHOW", true)) {
      show(c, List.of(user));
    }
    return registerResult(c, created);
  }

  private static Map<String, Object> registerResult(StoredCall c, boolean created) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("CALL_ID", c.callId);
    r.put("CRM_CREATED_LEAD", created ? c.leadId : null);
    r.put("CRM_CREATED_ENTITIES", created
        ? List.of(Map.of("ENTITY_TYPE", "LEAD", "ENTITY_ID", c.leadId)) : List.of());
    r.put("CRM_ENTITY_TYPE", c.leadId == null ? "" : "LEAD");
    r.put("CRM_ENTITY_ID", c.leadId);
    return r;
  }

  synchronized boolean showOrHide(Map<String, Object> p, boolean show) {
    purgeStale();
    StoredCall c = calls.get(RequestParams.string(p, "CALL_ID"));
    if (c == null || c.finished) {
      return false;
    }
    List<Integer> who = RequestParams.intList(p, "USER_ID");
    if (who.isEmpty()) {
      who = List.of(c.userId);
    }
    if (show) {
      show(c, who);
    } else {
      c.hiddenFrom.addAll(who);
      who.forEach(c.open::remove);
    }
    return true;
  }

  private static void show(StoredCall c, List<Integer> who) {
    c.shownTo.addAll(who);
    c.open.addAll(who);
  }

  synchronized Map<String, Object> finish(Map<String, Object> p) {
    purgeStale();
    Object id = p.get("CALL_ID");
    if (id instanceof Map || id instanceof List) {
      throw new ApiError(400, "INVALID_ARGUMENT", "CALL_ID must be a string");
    }
    StoredCall c = id == null ? null : calls.get(id.toString());
    if (c != null) {
      c.finishRequests++;
    }
    int user = user(p);
    if (c == null || c.finished) {
      throw ApiError.method("Call is not found (call should be registered prior to finishing");
    }
    int duration = RequestParams.intValue(p, "DURATION");
    String status = RequestParams.string(p, "STATUS_CODE");
    c.finished = true;
    c.finishUserId = user;
    c.duration = duration;
    c.statusCode = status == null || status.isEmpty() ? (duration > 0 ? "200" : "304") : status;
    c.hiddenFrom.add(user);
    c.open.remove(user);
    c.statisticId = ids.next();
    leads.assign(c.leadId, user);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("CALL_ID", c.callId);
    r.put("EXTERNAL_CALL_ID", c.externalCallId);
    r.put("PORTAL_USER_ID", user);
    r.put("PHONE_NUMBER", c.phone);
    r.put("PORTAL_NUMBER", c.line == null ? "REST_APP:" + c.app : c.line);
    r.put("INCOMING", Integer.toString(c.type));
    r.put("CALL_DURATION", duration);
    r.put("CALL_START_DATE", Map.of());
    r.put("CALL_STATUS", duration > 0 ? 1 : 0);
    r.put("CALL_VOTE", RequestParams.intValue(p, "VOTE"));
    r.put("COST", 0);
    r.put("COST_CURRENCY", "");
    r.put("CALL_FAILED_CODE", c.statusCode);
    r.put("CALL_FAILED_REASON", "");
    r.put("REST_APP_ID", c.app.isEmpty() ? null : c.app);
    r.put("REST_APP_NAME", c.app.isEmpty() ? false : c.app);
    r.put("CRM_ACTIVITY_ID", 7000 + c.statisticId);
    r.put("COMMENT", null);
    if (c.leadId != null) {
      r.put("CRM_ENTITY_TYPE", "LEAD");
      r.put("CRM_ENTITY_ID", c.leadId);
    }
    r.put("ID", c.statisticId);
    return r;
  }

  synchronized Map<String, Object> attachRecord(Map<String, Object> p, String uploadUrlBase) {
    String url = RequestParams.string(p, "RECORD_URL");
    String name = RequestParams.string(p, "FILENAME");
    if ((url == null || url.isEmpty()) && (name == null || name.isEmpty())) {
      throw ApiError.method("Required parameters are not set. Request should contain or URL or "
          + "FILENAME parameter");
    }
    return records.attach(finished(RequestParams.string(p, "CALL_ID")), p, uploadUrlBase);
  }

  /** The second step of upload mode: the multipart POST to the returned upload URL. */
  synchronized int upload(String token, byte[] file) {
    String[] callAndName = CallRecords.token(token);
    return records.upload(finished(callAndName[0]), callAndName[1], file);
  }

  synchronized Map<String, Object> attachTranscription(Map<String, Object> p) {
    String callId = RequestParams.string(p, "CALL_ID");
    if (callId == null || callId.isEmpty()) {
      throw ApiError.method("CALL_ID should be set");
    }
    List<Ledger.TranscriptMessage> messages = Transcriptions.messages(p);
    StoredCall c = calls.get(callId);
    if (c == null || !c.finished) {
      throw ApiError.method("Call " + callId + " is not found. Is it finished?");
    }
    return transcriptions.attach(c, messages, p);
  }

  private StoredCall finished(String callId) {
    StoredCall c = callId == null ? null : calls.get(callId);
    if (c == null || !c.finished) {
      throw ApiError.method("Call is not found in the statistic table. Looks like it is not "
          + "finished yet.");
    }
    return c;
  }

  synchronized List<Map<String, Object>> searchCrmEntities(Map<String, Object> p) {
    String phone = RequestParams.string(p, "PHONE_NUMBER");
    if (phone == null || phone.isEmpty()) {
      throw ApiError.method("PHONE_NUMBER is empty");
    }
    return leads.search(normalize(phone));
  }

  synchronized int leadAdd(Map<String, Object> p, int actingUser) {
    return leads.leadAdd(p, actingUser);
  }

  synchronized Object externalLine(String action, String app, Map<String, Object> p) {
    return switch (action) {
      case "add" -> lines.add(app, p);
      case "update" -> lines.update(app, p);
      case "delete" -> lines.delete(app, p);
      default -> lines.get(app);
    };
  }

  /**
   * Bitrix24's clean-up agent: an active (never finished) call whose DATE_CREATE, the supplied
   * CALL_START_DATE, is more than 30 days ago is deleted; finishing it then fails with "Call is
   * not found". Run before every call operation, on the emulator's clock.
   */
  private void purgeStale() {
    long cutoff = clock.millis() - PURGE_AFTER.toMillis();
    int before = calls.size();
    calls.values().removeIf(c -> !c.finished && c.createdAtMillis < cutoff);
    purged += before - calls.size();
  }

  /** USER_ID, else USER_PHONE_INNER, must name an active employee. */
  private int user(Map<String, Object> p) {
    int id = RequestParams.intValue(p, "USER_ID");
    if (id == 0) {
      Integer byExt = users.byExtension(RequestParams.string(p, "USER_PHONE_INNER"));
      if (byExt == null) {
        throw ApiError.method("USER_ID or USER_PHONE_INNER should be set");
      }
      return byExt;
    }
    if (!users.active(id)) {
      throw ApiError.method("User is not found or is not active");
    }
    return id;
  }

  private long startDate(String value) {
    if (value == null || value.isBlank()) {
      return clock.millis();
    }
    try {
      return OffsetDateTime.parse(value.trim()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        // Like strtotime: a date without an offset is read in the portal's zone.
        return LocalDateTime.parse(value.trim()).atZone(zone).toInstant().toEpochMilli();
      } catch (DateTimeParseException e2) {
        throw ApiError.method("CALL_START_DATE should be in the ISO-8601 format");
      }
    }
  }

  static String normalize(String phone) {
    return phone == null ? "" : phone.replaceAll("[^0-9#*+,;]", "");
  }

  private static String md5(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  synchronized List<Ledger.Call> calls() {
    purgeStale();
    List<Ledger.Call> out = new ArrayList<>();
    calls.values().forEach(c -> out.add(c.toLedger()));
    return out;
  }

  synchronized List<Ledger.Lead> leads() {
    return leads.list();
  }

  synchronized List<Ledger.Line> lines() {
    return lines.all();
  }

  synchronized int purgedCalls() {
    purgeStale();
    return purged;
  }

  /** For click-to-call: the portal registers the call itself (contract §5.2). */
  synchronized Map<String, Object> registerFromCrm(int userId, String phone, String line) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("USER_ID", Integer.toString(userId));
    p.put("PHONE_NUMBER", phone);
    p.put("TYPE", "1");
    p.put("CRM_CREATE", "1");
    if (line != null) {
      p.put("LINE_NUMBER", line);
    }
    return register("", p);
  }
}
