package io.callstream.sink.crm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * Stable command ids, so a request delivered or read twice is recognised downstream. A
 * click-to-call is identified by the CALL_ID Bitrix24 registered for it. A callback request has
 * no id of its own: its id hashes the portal, the data and the delivery (offline queue id, or the
 * handler's {@code ts}), so the same delivery read again gets the same id while two requests from
 * one visitor stay two.
 */
final class RequestIds {

  private RequestIds() {
  }

  static String commandId(CrmRequest r) {
    String callId = r.field("CALL_ID");
    if (r.event() == CrmEvent.CLICK_TO_CALL && !callId.isEmpty()) {
      return "bitrix:" + r.portalId() + ":click:" + callId;
    }
    StringBuilder b = new StringBuilder(r.portalId()).append('\n').append(r.event().eventName())
        .append('\n').append(r.deliveryId());
    new TreeMap<>(r.data()).forEach((k, v) -> b.append('\n').append(k).append('=').append(v));
    return "bitrix:" + r.portalId() + ":" + (r.event() == CrmEvent.CALLBACK ? "callback:" : "click:")
        + sha256(b.toString()).substring(0, 32);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
