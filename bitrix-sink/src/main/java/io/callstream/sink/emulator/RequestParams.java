package io.callstream.sink.emulator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request parameters the way Bitrix24 reads them (contract §1.5): query string merged with the
 * body, body wins; form and query with PHP bracket notation and {@code +} as space; JSON only for
 * POST with {@code application/json}, an undecodable JSON body being silently empty.
 */
final class RequestParams {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestParams() {
  }

  static Map<String, Object> parse(String query, String method, String contentType, String body) {
    Map<String, Object> params = parseQuery(query);
    String type = contentType == null ? "" : contentType.split(";")[0].trim();
    if ("POST".equals(method) && body != null && !body.isEmpty()) {
      if (type.equalsIgnoreCase("application/json")) {
        try {
          params.putAll(JSON.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() { }));
        } catch (Exception e) {
          // Bitrix24 treats an undecodable JSON body as no parameters at all.
        }
      } else if (type.equalsIgnoreCase("application/x-www-form-urlencoded")) {
        params.putAll(parseQuery(body));
      }
    }
    return params;
  }

  /** PHP {@code parse_str}: {@code a[b][]=1&c=2} becomes nested maps. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> parseQuery(String query) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return root;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      int bracket = key.indexOf('[');
      if (bracket <= 0) {
        root.put(key, value);
        continue;
      }
      List<String> path = new ArrayList<>();
      path.add(key.substring(0, bracket));
      String rest = key.substring(bracket);
      while (rest.startsWith("[") && rest.indexOf(']') > 0) {
        path.add(rest.substring(1, rest.indexOf(']')));
        rest = rest.substring(rest.indexOf(']') + 1);
      }
      Map<String, Object> node = root;
      for (int i = 0; i < path.size() - 1; i++) {
        Object child = node.get(path.get(i));
        if (!(child instanceof Map)) {
          child = new LinkedHashMap<String, Object>();
          node.put(path.get(i), child);
        }
        node = (Map<String, Object>) child;
      }
      String last = path.get(path.size() - 1);
      node.put(last.isEmpty() ? Integer.toString(node.size()) : last, value);
    }
    return root;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  static String string(Map<String, Object> p, String key) {
    Object v = p.get(key);
    return v == null || v instanceof Map || v instanceof Collection ? null : v.toString();
  }

  /** PHP truthiness of a flag: absent → default, "0"/""/false → false, anything else true. */
  static boolean flag(Map<String, Object> p, String key, boolean defaultValue) {
    Object v = p.get(key);
    if (v == null) {
      return defaultValue;
    }
    String s = v.toString();
    return !(s.isEmpty() || s.equals("0") || s.equals("false") && v instanceof Boolean);
  }

  static int intValue(Map<String, Object> p, String key) {
    String s = string(p, key);
    if (s == null) {
      return 0;
    }
    try {
      return (int) Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** An int or an array of ints ({@code USER_ID=5}, {@code USER_ID[0]=5}, JSON {@code [5,7]}). */
  static List<Integer> intList(Map<String, Object> p, String key) {
    Object v = p.get(key);
    List<Integer> out = new ArrayList<>();
    Collection<?> items = v instanceof Map<?, ?> m ? m.values()
        : v instanceof Collection<?> c ? c : v == null ? List.of() : List.of(v);
    for (Object o : items) {
      try {
        out.add((int) Double.parseDouble(o.toString()));
      } catch (NumberFormatException e) {
        // Non-numeric user ids are ignored, as PHP's (int) cast would make them 0.
      }
    }
    return out;
  }
}
