package io.callstream.sink.crm;

import io.callstream.schemas.PbxCommandKind;
import java.util.Locale;
import java.util.Optional;

/** The two Bitrix24 events that ask the PBX to call (contract §5.2, §5.3). */
public enum CrmEvent {
  CLICK_TO_CALL("ONEXTERNALCALLSTART", PbxCommandKind.CLICK_TO_CALL),
  CALLBACK("ONEXTERNALCALLBACKSTART", PbxCommandKind.CALLBACK);

  private final String eventName;
  private final PbxCommandKind kind;

  CrmEvent(String eventName, PbxCommandKind kind) {
    this.eventName = eventName;
    this.kind = kind;
  }

  /** The event name as Bitrix24 sends it (upper case). */
  public String eventName() {
    return eventName;
  }

  PbxCommandKind kind() {
    return kind;
  }

  /** Event names are case-insensitive in Bitrix24. */
  static Optional<CrmEvent> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (CrmEvent e : values()) {
      if (e.eventName.equals(upper)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
