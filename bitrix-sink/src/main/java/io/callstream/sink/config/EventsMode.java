package io.callstream.sink.config;

/** How a portal's CRM-started calls (click-to-call, callback requests) reach the sink. */
public enum EventsMode {
  /** Poll the portal's offline event queue: outbound connections only, no inbound port. */
  OFFLINE,
  /** Bitrix24 POSTs events to a handler URL served by the sink. */
  HANDLER,
  /** Not received here. */
  OFF
}
