package io.callstream.sink.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portal's active employees: the configured agents with their extensions ({@code
 * UF_PHONE_INNER}) and the administrator who created the webhook (the user the webhook and the
 * OAuth application act as, id 1 by default, without an extension), as on a real portal.
 */
final class EmulatedUsers {

  private final Map<String, Integer> byExtension;
  private final int adminId;

  EmulatedUsers(Map<String, Integer> byExtension, int adminId) {
    this.byExtension = Map.copyOf(byExtension);
    this.adminId = adminId;
  }

  boolean active(int userId) {
    return userId == adminId || byExtension.containsValue(userId);
  }

  Integer byExtension(String extension) {
    return extension == null ? null : byExtension.get(extension);
  }

  /** True when {@code phone} is an active employee's extension: the call is internal (§3.1). */
  boolean isExtension(String phone) {
    return byExtension.containsKey(phone);
  }

  String extensionOf(Integer userId) {
    return byExtension.entrySet().stream().filter(e -> e.getValue().equals(userId))
        .map(Map.Entry::getKey).findFirst().orElse(null);
  }

  /** As {@code user.get} lists them: the administrator first, empty fields omitted. */
  List<Map<String, Object>> list() {
    List<Map<String, Object>> all = new ArrayList<>();
    if (!byExtension.containsValue(adminId)) {
      all.add(user(adminId, "Admin", null));
    }
    byExtension.forEach((ext, id) -> all.add(user(id, ext, ext)));
    return all;
  }

  private static Map<String, Object> user(int id, String lastName, String extension) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ID", Integer.toString(id));
    m.put("ACTIVE", true);
    m.put("NAME", extension == null ? "Portal" : "Agent");
    m.put("LAST_NAME", lastName);
    if (extension != null) {
      m.put("UF_PHONE_INNER", extension);
    }
    m.put("USER_TYPE", "employee");
    return m;
  }
}
