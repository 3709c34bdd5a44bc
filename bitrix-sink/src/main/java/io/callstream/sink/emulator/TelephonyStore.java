package io.callstream.sink.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The portal's telephony state (contract §3): active and finished calls, the 30-minute
 * re-register rule, finish once, records only after finish, and the leads calls create.
 */
final class TelephonyStore {

  private static final long DUPLICATE_WINDOW_MILLIS = 30 * 60 * 1000L;

  /** A call row; mutable, guarded by the store's lock. */
  private static final class StoredCall {
    String callId;
    String externalCallId;
    String app;
    int userId;
    String phone;
    int type;
    String line;
    String startDate;
    long createdAtMillis;
    int registerRequests;
    final List<Integer> shownTo = new ArrayList<>();
    final List<Integer> hiddenFrom = new ArrayList<>();
    final Set<Integer> open = new LinkedHashSet<>();
    boolean finished;
    Integer finishUserId;
    Integer duration;
    String statusCode;
    int finishRequests;
    int statisticId;
    final List<Ledger.Record> records = new ArrayList<>();
    int recordAttachments;
    Integer leadId;
    boolean internal;
    final List<Ledger.Transcript> transcripts = new ArrayList<>();
  }

  private final Clock clock;
  private final ZoneId zone;
  private final EmulatedUsers users;
  private final Map<String, StoredCall> calls = new LinkedHashMap<>();
  private final Map<Integer, Ledger.Lead> leads = new LinkedHashMap<>();
  private int nextId = 1;

  TelephonyStore(Clock clock, ZoneId zone, EmulatedUsers users) {
    this.clock = clock;
    this.zone = zone;
    this.users = users;
  }

  synchronized Map<String, Object> register(String app, Map<String, Object> p) {
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
    String line = RequestParams.string(p, "LINE_NUMBER");
    line = line == null ? null : line.trim();
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
    Integer existing = c.internal ? null : leadByPhone(phone);
    if (existing != null) {
      c.leadId = existing;
    } else if (c.internal) {
      c.leadId = null;
    } else if (RequestParams.flag(p, "CRM_CREATE", false) || RequestParams.flag(p, "CRM", false)) {
      c.leadId = addLead("Call from " + phone, phone, user, RequestParams.string(p, "CRM_SOURCE"));
      created = true;
    }
    calls.put(c.callId, c);
    if (RequestParams.flag(p, "SHOW", true)) {
      show(c, List.of(user));
    }
    return registerResult(c, created);
  }

  private Map<String, Object> registerResult(StoredCall c, boolean created) {
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
    c.statisticId = nextId++;
    if (c.leadId != null && leads.get(c.leadId) != null) {
      Ledger.Lead l = leads.get(c.leadId);
      leads.put(l.id(), new Ledger.Lead(l.id(), l.title(), l.phone(), user, l.sourceId()));
    }
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
    StoredCall c = finished(RequestParams.string(p, "CALL_ID"));
    if (url != null && !url.isEmpty()) {
      String file = name != null ? name : url.substring(url.lastIndexOf('/') + 1);
      return Map.of("FILE_ID", addRecord(c, "url", file, url));
    }
    checkExtension(name);
    if (!p.containsKey("FILE_CONTENT")) {
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(
          (c.callId + "|" + name).getBytes(StandardCharsets.UTF_8));
      return Map.of("uploadUrl", uploadUrlBase + "?token=" + token, "fieldName", "file");
    }
    String content = RequestParams.string(p, "FILE_CONTENT");
    if (content == null || content.isEmpty() || content.equals("false")) {
      throw ApiError.method("File content is empty.");
    }
    try {
      Base64.getMimeDecoder().decode(content);
    } catch (IllegalArgumentException e) {
      throw ApiError.method("File content is not properly encoded. Base64 encoding is expected.");
    }
    return Map.of("FILE_ID", addRecord(c, "content", name, null));
  }

  /** The second step of upload mode: the multipart POST to the returned upload URL. */
  synchronized int upload(String token, byte[] file) {
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.method("Wrong upload token");
    }
    int bar = decoded.indexOf('|');
    if (bar < 0) {
      throw ApiError.method("Wrong upload token");
    }
    StoredCall c = finished(decoded.substring(0, bar));
    String name = decoded.substring(bar + 1);
    checkExtension(name);
    if (file.length == 0) {
      throw ApiError.method("File content is empty.");
    }
    return addRecord(c, "upload", name, null);
  }

  private StoredCall finished(String callId) {
    StoredCall c = callId == null ? null : calls.get(callId);
    if (c == null || !c.finished) {
      throw ApiError.method("Call is not found in the statistic table. Looks like it is not "
          + "finished yet.");
    }
    return c;
  }

  private static void checkExtension(String name) {
    if (name == null || name.isEmpty()) {
      throw ApiError.method("File name is empty");
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    if (!lower.endsWith(".wav") && !lower.endsWith(".mp3")) {
      throw ApiError.method("Wrong file extension. Only wav and mp3 are allowed");
    }
  }

  private int addRecord(StoredCall c, String mode, String name, String url) {
    int fileId = 9000 + nextId++;
    // One record per call: a repeated attach replaces the previous file.
    c.records.clear();
    c.records.add(new Ledger.Record(mode, name, url, fileId));
    c.recordAttachments++;
    return fileId;
  }

  synchronized List<Map<String, Object>> searchCrmEntities(Map<String, Object> p) {
    String phone = RequestParams.string(p, "PHONE_NUMBER");
    if (phone == null || phone.isEmpty()) {
      throw ApiError.method("PHONE_NUMBER is empty");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    Integer lead = leadByPhone(normalize(phone));
    if (lead != null) {
      Ledger.Lead l = leads.get(lead);
      Map<String, Object> assigned = new LinkedHashMap<>();
      assigned.put("ID", String.valueOf(l.assignedById()));
      assigned.put("TIMEMAN_STATUS", "OPENED");
      assigned.put("USER_PHONE_INNER", users.extensionOf(l.assignedById()));
      assigned.put("WORK_PHONE", null);
      assigned.put("PERSONAL_PHONE", null);
      assigned.put("PERSONAL_MOBILE", null);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("CRM_ENTITY_TYPE", "LEAD");
      e.put("CRM_ENTITY_ID", l.id());
      e.put("ASSIGNED_BY_ID", l.assignedById());
      e.put("NAME", l.title());
      e.put("ASSIGNED_BY", assigned);
      out.add(e);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  synchronized int leadAdd(Map<String, Object> p, int actingUser) {
    Object f = p.get("fields");
    if (!(f instanceof Map)) {
      throw new ApiError(400, "ERROR_ARGUMENT", "Argument 'fields' is null.");
    }
    Map<String, Object> fields = (Map<String, Object>) f;
    String phone = null;
    Object phones = fields.get("PHONE");
    Object first = phones instanceof List<?> l && !l.isEmpty() ? l.get(0)
        : phones instanceof Map<?, ?> m && !m.isEmpty() ? m.values().iterator().next() : null;
    if (first instanceof Map<?, ?> m && m.get("VALUE") != null) {
      phone = normalize(m.get("VALUE").toString());
    }
    Object assigned = fields.get("ASSIGNED_BY_ID");
    return addLead(String.valueOf(fields.getOrDefault("TITLE", "")), phone,
        assigned == null ? actingUser : (int) Double.parseDouble(assigned.toString()),
        fields.get("SOURCE_ID") == null ? null : fields.get("SOURCE_ID").toString());
  }

  private int addLead(String title, String phone, int assignedBy, String source) {
    int id = 3000 + nextId++;
    leads.put(id, new Ledger.Lead(id, title, phone, assignedBy, source));
    return id;
  }

  private Integer leadByPhone(String phone) {
    for (Ledger.Lead l : leads.values()) {
      if (phone.equals(l.phone())) {
        return l.id();
      }
    }
    return null;
  }

  /** USER_ID, else USER_PHONE_INNER, must name an active employee. */
  private int user(Map<String, Object> p) {
    int id = RequestParams.intValue(p, "USER_ID");
    if (id == 0) {
      String inner = RequestParams.string(p, "USER_PHONE_INNER");
      Integer byExt = users.byExtension(inner);
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
    List<Ledger.Call> out = new ArrayList<>();
    for (StoredCall c : calls.values()) {
      out.add(new Ledger.Call(c.callId, c.externalCallId, c.app, c.userId, c.phone, c.type, c.line,
          c.startDate, c.registerRequests, List.copyOf(c.shownTo), List.copyOf(c.hiddenFrom),
          List.copyOf(c.open), c.finished, c.finishUserId, c.duration, c.statusCode,
          c.finishRequests, List.copyOf(c.records), c.recordAttachments, c.leadId, c.internal,
          List.copyOf(c.transcripts)));
    }
    return out;
  }

  synchronized List<Ledger.Lead> leads() {
    return List.copyOf(leads.values());
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
