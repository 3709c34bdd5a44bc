package io.callstream.sink.crm;

import io.callstream.sink.config.EventsMode;

/** What {@code doctor} says about one portal's way of receiving CRM requests. */
public record EventsCheck(String portalId, EventsMode mode, boolean ok, String detail) {
}
