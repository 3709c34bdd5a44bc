package io.callstream.sink.crm;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body as Bitrix24 posts events (contract §5.1):
 * flat keys with PHP brackets kept as written ({@code data[CALL_ID]}, {@code auth[domain]}).
 * A malformed body (bad escapes, a key twice) is refused as a whole.
 */
final class FormBody {

  private FormBody() {
  }

  static Optional<Map<String, String>> parse(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      for (String pair : body.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (out.put(key, value) != null) {
          return Optional.empty();
        }
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(out);
  }

  /** The {@code prefix[NAME]} entries as NAME → value. */
  static Map<String, String> group(Map<String, String> form, String prefix) {
    Map<String, String> out = new LinkedHashMap<>();
    String open = prefix + "[";
    form.forEach((k, v) -> {
      if (k.startsWith(open) && k.endsWith("]") && k.indexOf('[', open.length()) < 0) {
        out.put(k.substring(open.length(), k.length() - 1), v);
      }
    });
    return out;
  }
}
