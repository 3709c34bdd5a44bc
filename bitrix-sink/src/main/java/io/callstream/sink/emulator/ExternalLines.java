package io.callstream.sink.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code telephony.externalLine.add/update/delete/get} (contract §3.6): lines per application,
 * all webhooks sharing the application "", and the line a register with an unknown
 * {@code LINE_NUMBER} creates silently (no name). Not thread-safe: used under the
 * {@link TelephonyStore}'s lock.
 */
final class ExternalLines {

  /** Bitrix24 cuts LINE_NUMBER to this many characters. */
  static final int MAX_NUMBER = 50;

  private static final class Line {
    final int id;
    String name;
    String crmAutoCreate;

    Line(int id, String name, String crmAutoCreate) {
      this.id = id;
      this.name = name;
      this.crmAutoCreate = crmAutoCreate;
    }
  }

  private final IdSequence ids;
  private final Map<String, Map<String, Line>> byApp = new LinkedHashMap<>();

  ExternalLines(IdSequence ids) {
    this.ids = ids;
  }

  /** The line number as register stores it: trimmed, at most 50 characters. */
  static String lineNumber(String raw) {
    if (raw == null) {
      return null;
    }
    String t = raw.trim();
    return t.length() > MAX_NUMBER ? t.substring(0, MAX_NUMBER) : t;
  }

  /** register with a LINE_NUMBER this application has no line for creates it. */
  void ensure(String app, String number) {
    if (number != null && !number.isEmpty()) {
      lines(app).computeIfAbsent(number, n -> new Line(ids.next(), null, "Y"));
    }
  }

  Map<String, Object> add(String app, Map<String, Object> p) {
    String number = number(p);
    if (lines(app).containsKey(number)) {
      throw ApiError.method("Line already exists");
    }
    Line line = new Line(ids.next(), RequestParams.string(p, "NAME"),
        flag(RequestParams.string(p, "CRM_AUTO_CREATE")));
    lines(app).put(number, line);
    return Map.of("ID", line.id);
  }

  Map<String, Object> update(String app, Map<String, Object> p) {
    String number = number(p);
    String name = RequestParams.string(p, "NAME");
    String auto = RequestParams.string(p, "CRM_AUTO_CREATE");
    if (name == null && auto == null) {
      throw ApiError.method("There are no fields to update");
    }
    Line line = find(app, number);
    if (name != null) {
      line.name = name;
    }
    if (auto != null) {
      line.crmAutoCreate = flag(auto);
    }
    return Map.of("ID", Integer.toString(line.id));
  }

  List<Object> delete(String app, Map<String, Object> p) {
    String number = number(p);
    find(app, number);
    lines(app).remove(number);
    return List.of();
  }

  List<Map<String, Object>> get(String app) {
    List<Map<String, Object>> out = new ArrayList<>();
    lines(app).forEach((number, line) -> out.add(view(number, line)));
    return out;
  }

  /** Every application's lines, for the ledger. */
  List<Ledger.Line> all() {
    List<Ledger.Line> out = new ArrayList<>();
    byApp.forEach((app, lines) -> lines.forEach((number, l) ->
        out.add(new Ledger.Line(app, number, l.name, l.crmAutoCreate))));
    return out;
  }

  private static Map<String, Object> view(String number, Line line) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("NUMBER", number);
    m.put("NAME", line.name);
    m.put("CRM_AUTO_CREATE", line.crmAutoCreate);
    return m;
  }

  private Map<String, Line> lines(String app) {
    return byApp.computeIfAbsent(app, a -> new LinkedHashMap<>());
  }

  private Line find(String app, String number) {
    Line line = lines(app).get(number);
    if (line == null) {
      throw ApiError.method("Could not find line with number " + number);
    }
    return line;
  }

  private static String number(Map<String, Object> p) {
    String n = RequestParams.string(p, "NUMBER");
    if (n == null || n.trim().isEmpty()) {
      throw ApiError.method("NUMBER should not be empty");
    }
    return n.trim();
  }

  private static String flag(String value) {
    return value != null && value.trim().toUpperCase(Locale.ROOT).equals("N") ? "N" : "Y";
  }
}
