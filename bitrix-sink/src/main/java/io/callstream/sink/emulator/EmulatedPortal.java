package io.callstream.sink.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST methods of the emulated portal, including {@code batch} with its {@code $result[...]}
 * substitution rules (contract §2.4). HTTP, auth and limits are {@link RestHandler}'s job.
 */
final class EmulatedPortal {

  /** Who is calling: a webhook (app "") or an OAuth application, acting as {@code userId}. */
  record Caller(boolean webhook, String app, int userId) {
  }

  /** A list method's result with its envelope-level {@code total} and {@code next}. */
  record ListResult(List<?> items, int total, Integer next) {
  }

  /** One command's outcome inside a batch. */
  record CommandOutcome(Object result, ApiError error, Map<String, Object> time) {
  }

  static final int BATCH_LIMIT = 50;
  private static final Set<String> EVENTS = Set.of("onexternalcallstart", "onexternalcallbackstart",
      "onvoximplantcallend");
  private static final Set<String> NOT_IN_BATCH = Set.of("batch", "upload", "download");
  private static final Pattern REFERENCE = Pattern.compile("\\$result((?:\\[[^\\]]*\\])+)");
  private static final int PAGE = 50;

  private final TelephonyStore store;
  private final EmulatedUsers users;
  private final EventHandlers events;
  private final OfflineQueue offline;
  private final OperatingMeter meter;
  private final TimeBlocks time;
  private final double costSeconds;

  EmulatedPortal(TelephonyStore store, EmulatedUsers users, EventHandlers events,
      OfflineQueue offline, OperatingMeter meter, TimeBlocks time, double costSeconds) {
    this.store = store;
    this.users = users;
    this.events = events;
    this.offline = offline;
    this.meter = meter;
    this.time = time;
    this.costSeconds = costSeconds;
  }

  /** Runs one method after the operating-limit check, recording its cost. */
  Object invoke(String method, Map<String, Object> p, Caller caller, String uploadUrlBase) {
    long now = time.nowMillis();
    if (meter.blocked(method, now)) {
      throw new ApiError(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.");
    }
    meter.record(method, now, costSeconds);
    return switch (method) {
      case "telephony.externalcall.register" -> store.register(caller.app(), p);
      case "telephony.externalcall.show" -> store.showOrHide(p, true);
      case "telephony.externalcall.hide" -> store.showOrHide(p, false);
      case "telephony.externalcall.finish" -> store.finish(p);
      case "telephony.externalcall.attachrecord" -> store.attachRecord(p, uploadUrlBase);
      case "telephony.externalcall.searchcrmentities" -> store.searchCrmEntities(p);
      case "telephony.call.attachtranscription" -> store.attachTranscription(p);
      case "telephony.externalline.add" -> store.externalLine("add", caller.app(), p);
      case "telephony.externalline.update" -> store.externalLine("update", caller.app(), p);
      case "telephony.externalline.delete" -> store.externalLine("delete", caller.app(), p);
      case "telephony.externalline.get" -> store.externalLine("get", caller.app(), p);
      case "crm.lead.add" -> store.leadAdd(p, caller.userId());
      case "user.get" -> userGet(p);
      case "event.bind" -> bind(p, caller);
      case "event.get" -> events.list();
      case "event.unbind" -> unbind(p);
      case "event.offline.get" -> offline.get(p);
      case "event.offline.clear" -> offline.clear(p);
      case "event.offline.list" -> offline.list();
      default -> throw new ApiError(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
    };
  }

  private ListResult userGet(Map<String, Object> p) {
    List<Map<String, Object>> all = users.list();
    int start = Math.max(0, RequestParams.intValue(p, "start"));
    List<Map<String, Object>> page = all.subList(Math.min(start, all.size()),
        Math.min(start + PAGE, all.size()));
    return new ListResult(page, all.size(), start + PAGE < all.size() ? start + PAGE : null);
  }

  private Object bind(Map<String, Object> p, Caller caller) {
    String event = RequestParams.string(p, "event");
    String handler = RequestParams.string(p, "handler");
    boolean offlineType = offlineType(p);
    if (event == null || handler == null && !offlineType) {
      throw new ApiError(400, "ERROR_ARGUMENT", "Argument '" + (event == null ? "EVENT" : "HANDLER")
          + "' is null.");
    }
    if (!EVENTS.contains(event.toLowerCase(Locale.ROOT))) {
      throw new ApiError(400, "ERROR_EVENT_NOT_FOUND", "Event not found");
    }
    if (!events.bind(event.toUpperCase(Locale.ROOT), handler, caller.userId(), offlineType)) {
      throw new ApiError(400, "ERROR_CORE", "Unable to set event handler: Handler already binded");
    }
    return true;
  }

  private Object unbind(Map<String, Object> p) {
    String event = RequestParams.string(p, "event");
    String handler = RequestParams.string(p, "handler");
    boolean offlineType = offlineType(p);
    if (event == null || handler == null && !offlineType) {
      throw new ApiError(400, "ERROR_ARGUMENT", "Argument '" + (event == null ? "EVENT" : "HANDLER")
          + "' is null.");
    }
    return Map.of("count", events.unbind(event.toUpperCase(Locale.ROOT), handler, offlineType));
  }

  private static boolean offlineType(Map<String, Object> p) {
    String type = RequestParams.string(p, "event_type");
    if (type == null || type.equalsIgnoreCase("online")) {
      return false;
    }
    if (type.equalsIgnoreCase("offline")) {
      return true;
    }
    throw new ApiError(400, "ERROR_ARGUMENT", "Value of argument 'EVENT_TYPE' is invalid.");
  }

  /** Runs a batch: sequentially, in key order, at most 50, stopping at an error when halting. */
  @SuppressWarnings("unchecked")
  Map<String, CommandOutcome> batch(Map<String, Object> p, Caller caller, String uploadUrlBase) {
    Object cmd = p.get("cmd");
    if (!(cmd instanceof Map)) {
      throw new ApiError(400, "ERROR_ARGUMENT", "Argument 'cmd' is null.");
    }
    boolean halt = RequestParams.flag(p, "halt", false);
    Map<String, CommandOutcome> out = new LinkedHashMap<>();
    Map<String, Object> results = new LinkedHashMap<>();
    int index = 0;
    for (Map.Entry<String, Object> e : ((Map<String, Object>) cmd).entrySet()) {
      if (index++ >= BATCH_LIMIT) {
        out.put(e.getKey(), new CommandOutcome(null,
            new ApiError(400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded"), null));
        continue;
      }
      String text = String.valueOf(e.getValue());
      int q = text.indexOf('?');
      String method = normalizeMethod(q < 0 ? text : text.substring(0, q));
      Map<String, Object> params = RequestParams.parseQuery(q < 0 ? "" : text.substring(q + 1));
      substitute(params, results);
      long started = time.nowMillis();
      try {
        if (NOT_IN_BATCH.contains(method)) {
          throw new ApiError(405, "ERROR_BATCH_METHOD_NOT_ALLOWED",
              "Method is not allowed for batch usage");
        }
        Object r = invoke(method, params, caller, uploadUrlBase);
        Object value = r instanceof ListResult l ? l.items() : r;
        results.put(e.getKey(), value);
        out.put(e.getKey(), new CommandOutcome(value, null, time.block(method, started, true)));
      } catch (ApiError error) {
        out.put(e.getKey(), new CommandOutcome(null, error, null));
        if (halt) {
          break;
        }
      }
    }
    return out;
  }

  static String normalizeMethod(String raw) {
    String m = raw.trim().toLowerCase(Locale.ROOT);
    while (m.endsWith("/")) {
      m = m.substring(0, m.length() - 1);
    }
    return m.endsWith(".json") ? m.substring(0, m.length() - 5) : m;
  }

  /**
   * Replaces {@code $result[key][FIELD]...}: a whole-value reference takes the value found (at the
   * deepest existing level), an embedded one is replaced only by a string.
   */
  @SuppressWarnings("unchecked")
  private static void substitute(Map<String, Object> params, Map<String, Object> results) {
    for (Map.Entry<String, Object> e : params.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> nested) {
        substitute((Map<String, Object>) nested, results);
      } else if (e.getValue() instanceof String s && s.contains("$result[")) {
        Matcher m = REFERENCE.matcher(s);
        if (m.matches()) {
          e.setValue(resolve(m.group(1), results));
          continue;
        }
        StringBuilder b = new StringBuilder();
        while (m.find()) {
          Object v = resolve(m.group(1), results);
          m.appendReplacement(b, Matcher.quoteReplacement(v instanceof String str ? str : m.group()));
        }
        m.appendTail(b);
        e.setValue(b.toString());
      }
    }
  }

  private static Object resolve(String path, Map<String, Object> results) {
    Object node = results;
    for (String part : path.substring(1, path.length() - 1).split("\\]\\[")) {
      Object next = node instanceof Map<?, ?> m ? m.get(part)
          : node instanceof List<?> l && part.matches("[0-9]+") && Integer.parseInt(part) < l.size()
              ? l.get(Integer.parseInt(part)) : null;
      if (next == null) {
        break;
      }
      node = next;
    }
    return node;
  }
}
