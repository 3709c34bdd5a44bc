package io.callstream.deploy.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixReply;
import io.callstream.sink.config.PortalConfig;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.crm.EventsCheck;
import io.callstream.sink.crm.EventsProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Each Bitrix24 portal as the sink uses it: authentication and scopes, the extension → user map,
 * the owners of missed calls, the request budget, and how CRM-started calls arrive.
 */
public final class BitrixCheck implements Check {

  private final SinkConfig config;
  private final Map<String, BitrixClient> clients;
  private final EventsProbe events;

  public BitrixCheck(SinkConfig config, Map<String, BitrixClient> clients, EventsProbe events) {
    this.config = config;
    this.clients = clients;
    this.events = events;
  }

  @Override
  public List<CheckResult> run() {
    List<CheckResult> results = new ArrayList<>();
    for (PortalConfig portal : config.portals().values()) {
      results.addAll(check(portal, clients.get(portal.id())));
    }
    try {
      for (EventsCheck e : events.check()) {
        String area = "Bitrix24 " + e.portalId();
        results.add(e.ok() ? CheckResult.ok(area, "CRM requests (" + e.mode() + "): " + e.detail())
            : CheckResult.fail(area, "CRM requests (" + e.mode() + "): " + e.detail(),
                "click-to-call and website callbacks will not reach the PBX until this works"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return results;
  }

  private List<CheckResult> check(PortalConfig portal, BitrixClient client) {
    String area = "Bitrix24 " + portal.id();
    List<CheckResult> results = new ArrayList<>();
    BitrixReply probe = client.call("user.get", Map.of("start", 0), false);
    if (probe instanceof BitrixReply.Failure f) {
      results.add(isScope(f) ? CheckResult.fail(area, "the 'user' scope is not granted: " + f.error(),
          "edit the webhook or application and tick the user scope (extension -> user mapping needs it)")
          : CheckResult.fail(area, "the portal refused the credentials: " + f.error(),
              "create a new incoming webhook (Developer resources > Other > Incoming webhook) with "
                  + "the telephony, user and crm scopes and put its URL in BITRIX_WEBHOOK_URL; for "
                  + "an application, reinstall it. CallStream connects out to the portal over HTTPS 443."));
      return results;
    }
    results.add(CheckResult.ok(area, "authenticated"));
    BitrixReply telephony = client.call("telephony.externalCall.searchCrmEntities",
        Map.of("PHONE_NUMBER", "0"), false);
    results.add(telephony instanceof BitrixReply.Failure f
        ? CheckResult.fail(area, "telephony methods refused: " + f.error(), "grant the telephony scope "
            + "to the webhook or application (every call goes through telephony.externalcall.*)")
        : CheckResult.ok(area, "telephony methods permitted"));
    results.addAll(users(area, portal, client));
    double used = ((BitrixReply.Success) probe).time().operatingSeconds();
    results.add(used > portal.operatingLimitSeconds() / 2
        ? CheckResult.warn(area, String.format("%.1f s of %.0f s operating time used in the current window",
            used, portal.operatingLimitSeconds()), "another integration uses most of the budget")
        : CheckResult.ok(area, String.format("request budget: %.1f requests/s, burst %d; operating "
            + "time used %.1f s of %.0f s", portal.ratePerSecond(), portal.burst(), used,
            portal.operatingLimitSeconds())));
    return results;
  }

  private static boolean isScope(BitrixReply.Failure f) {
    return f.error().code().contains("scope");
  }

  private List<CheckResult> users(String area, PortalConfig portal, BitrixClient client) {
    List<CheckResult> results = new ArrayList<>();
    Map<String, String> byExtension = new TreeMap<>();
    Set<Long> active = new TreeSet<>();
    for (int start = 0; start < 5000; start += 50) {
      BitrixReply reply = client.call("user.get", Map.of("FILTER", Map.of("ACTIVE", true), "start", start), false);
      if (!(reply instanceof BitrixReply.Success s)) {
        results.add(CheckResult.fail(area, "user.get failed: " + ((BitrixReply.Failure) reply).error(),
            "the webhook or application needs the 'user' scope"));
        return results;
      }
      for (JsonNode user : s.result()) {
        long id = user.path("ID").asLong();
        active.add(id);
        String inner = user.path("UF_PHONE_INNER").asText("");
        if (!inner.isEmpty()) {
          byExtension.put(inner, id + " " + (user.path("NAME").asText("") + " "
              + user.path("LAST_NAME").asText("")).trim());
        }
      }
      if (s.result().size() < 50 || !s.envelope().has("next")) {
        break;
      }
    }
    results.add(byExtension.isEmpty()
        ? CheckResult.fail(area, "no active user has an internal phone number (UF_PHONE_INNER)",
            "set each agent's extension as 'Internal phone' in their Bitrix24 profile: calls are "
                + "assigned through it")
        : CheckResult.ok(area, byExtension.size() + " extension(s) mapped to users: " + byExtension));
    portal.missedOwnerUserId().ifPresent(id -> results.add(active.contains(id)
        ? CheckResult.ok(area, "missed calls go to user " + id)
        : CheckResult.fail(area, "missed.owner.user.id " + id + " is not an active user",
            "name an active employee's ID: missed calls would be dead-lettered")));
    portal.fallbackUserId().ifPresent(id -> results.add(active.contains(id)
        ? CheckResult.ok(area, "unknown extensions go to user " + id)
        : CheckResult.fail(area, "fallback.user.id " + id + " is not an active user",
            "name an active employee's ID")));
    return results;
  }
}
