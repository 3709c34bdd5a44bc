package io.callstream.sink.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRM side of the emulated portal: leads created by calls ({@code CRM_CREATE}) or by
 * {@code crm.lead.add}, found by number, and {@code telephony.externalCall.searchCrmEntities}.
 * Not thread-safe: used under the {@link TelephonyStore}'s lock.
 */
final class CrmLeads {

  private final EmulatedUsers users;
  private final IdSequence ids;
  private final Map<Integer, Ledger.Lead> leads = new LinkedHashMap<>();

  CrmLeads(EmulatedUsers users, IdSequence ids) {
    this.users = users;
    this.ids = ids;
  }

  int add(String title, String phone, int assignedBy, String source) {
    int id = 3000 + ids.next();
    leads.put(id, new Ledger.Lead(id, title, phone, assignedBy, source));
    return id;
  }

  Integer byPhone(String phone) {
    for (Ledger.Lead l : leads.values()) {
      if (phone.equals(l.phone())) {
        return l.id();
      }
    }
    return null;
  }

  /** The call's finishing user becomes the responsible of a lead the call created. */
  void assign(Integer leadId, int userId) {
    Ledger.Lead l = leadId == null ? null : leads.get(leadId);
    if (l != null) {
      leads.put(l.id(), new Ledger.Lead(l.id(), l.title(), l.phone(), userId, l.sourceId()));
    }
  }

  List<Map<String, Object>> search(String normalizedPhone) {
    List<Map<String, Object>> out = new ArrayList<>();
    Integer lead = byPhone(normalizedPhone);
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
  int leadAdd(Map<String, Object> p, int actingUser) {
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
      phone = TelephonyStore.normalize(m.get("VALUE").toString());
    }
    Object assigned = fields.get("ASSIGNED_BY_ID");
    return add(String.valueOf(fields.getOrDefault("TITLE", "")), phone,
        assigned == null ? actingUser : (int) Double.parseDouble(assigned.toString()),
        fields.get("SOURCE_ID") == null ? null : fields.get("SOURCE_ID").toString());
  }

  List<Ledger.Lead> list() {
    return List.copyOf(leads.values());
  }
}
