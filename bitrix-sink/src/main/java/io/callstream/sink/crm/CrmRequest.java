package io.callstream.sink.crm;

import java.time.Instant;
import java.util.Map;

/**
 * One request received from a portal, whichever way it came.
 *
 * @param data the event's {@code data} fields as strings
 * @param sentAt when Bitrix24 sent (handler {@code ts}) or queued it (offline {@code TIMESTAMP_X})
 * @param deliveryId what makes this delivery unique on its path: {@code ts:<ts>} for the handler,
 *     {@code offline:<ID>} for the offline queue
 */
record CrmRequest(String portalId, CrmEvent event, Map<String, String> data, Instant sentAt,
    String deliveryId) {

  CrmRequest {
    data = Map.copyOf(data);
  }

  String field(String name) {
    String v = data.get(name);
    return v == null ? "" : v.trim();
  }
}
