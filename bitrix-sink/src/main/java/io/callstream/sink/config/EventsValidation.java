package io.callstream.sink.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and checks the {@code bitrix.portal.<p>.events.*}, {@code commands.*} and {@code callback.*} keys. */
final class EventsValidation {

  /** Extensions as the PBX commands accept them (the producer checks again before AMI). */
  static final Pattern EXTENSION = Pattern.compile("[0-9A-Za-z*#]{1,16}");
  private static final Pattern PBX_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private EventsValidation() {
  }

  static EventsConfig events(ConfigReader r, String portal, PortalAuth auth,
      Map<String, RouteConfig> routes) {
    String p = "bitrix.portal." + portal + ".";
    boolean webhook = auth instanceof PortalAuth.Webhook;
    String modeKey = p + "events.mode";
    String raw = r.string(modeKey, webhook ? "off" : "offline").toLowerCase(Locale.ROOT);
    EventsMode mode = switch (raw) {
      case "offline" -> EventsMode.OFFLINE;
      case "handler" -> EventsMode.HANDLER;
      case "off" -> EventsMode.OFF;
      default -> throw new ConfigException(modeKey, "'" + raw + "' is not an events mode",
          "use offline (poll the portal, no inbound port), handler (Bitrix24 posts to "
              + p + "events.handler.url) or off");
    };
    if (mode == EventsMode.OFF) {
      return EventsConfig.off();
    }
    if (webhook) {
      throw new ConfigException(modeKey, "is " + raw + " but portal '" + portal
          + "' uses an incoming webhook, which cannot bind or read events (event.* methods need "
          + "an OAuth application; Bitrix24 answers WRONG_AUTH_TYPE)",
          "set " + modeKey + "=off, or configure the portal with " + p + "oauth.* instead of "
              + p + "webhook.url");
    }
    Optional<String> token = r.optional(p + "events.application.token");
    Optional<String> handlerUrl = r.optional(p + "events.handler.url");
    if (mode == EventsMode.HANDLER) {
      String fix = "handler mode needs the application token (sent with ONAPPINSTALL, shown for "
          + "local applications) and the public handler URL";
      token = Optional.of(r.required(p + "events.application.token", fix));
      handlerUrl = Optional.of(url(r.required(p + "events.handler.url", fix),
          p + "events.handler.url"));
    }
    Optional<String> callbackExtension = r.optional(p + "callback.extension");
    if (callbackExtension.isPresent() && !EXTENSION.matcher(callbackExtension.get()).matches()) {
      throw new ConfigException(p + "callback.extension", "'" + callbackExtension.get()
          + "' is not an extension", "use 1-16 characters of 0-9 A-Z a-z * #");
    }
    return new EventsConfig(mode, token, handlerUrl, r.optional(p + "events.member.id"),
        Optional.of(commandsPbx(r, portal, routes)),
        callbackExtension, r.userId(p + "callback.user.id"),
        Duration.ofSeconds(r.positiveLong(p + "events.max.age.seconds", 120)));
  }

  /** The PBX that acts on the portal's requests: configured, or the only PBX routed to it. */
  private static String commandsPbx(ConfigReader r, String portal, Map<String, RouteConfig> routes) {
    String key = "bitrix.portal." + portal + ".commands.pbx";
    Optional<String> set = r.optional(key);
    if (set.isPresent()) {
      if (!PBX_ID.matcher(set.get()).matches()) {
        throw new ConfigException(key, "'" + set.get() + "' is not a PBX id",
            "use the PBX id the producer runs with (letters, digits, . _ -)");
      }
      return set.get();
    }
    List<String> routed = new ArrayList<>();
    routes.values().stream().filter(x -> x.portalId().equals(portal))
        .forEach(x -> routed.add(x.pbxId()));
    if (routed.size() != 1) {
      throw new ConfigException(key, "is not set and " + (routed.isEmpty() ? "no PBX"
          : "several PBXs " + routed) + " send calls to portal '" + portal + "'",
          "name the PBX whose phones make this portal's click-to-call and callback calls");
    }
    return routed.get(0);
  }

  private static String url(String value, String key) {
    try {
      URI u = new URI(value);
      if (("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null) {
        return value;
      }
    } catch (URISyntaxException e) {
      // reported below with the fix
    }
    throw new ConfigException(key, "is not an http(s) URL",
        "use the public URL Bitrix24 can reach, e.g. https://pbx.example.com/bitrix24/events");
  }

  static String path(String value, String key) {
    if (!value.matches("/[A-Za-z0-9._~/-]*")) {
      throw new ConfigException(key, "'" + value + "' is not a URL path",
          "use a path starting with /, e.g. /bitrix24/events");
    }
    return value;
  }

  /** The handler tells portals apart by their token, so two portals must not share one. */
  static void distinctApplicationTokens(Collection<PortalConfig> portals) {
    List<PortalConfig> withToken = portals.stream()
        .filter(p -> p.events().applicationToken().isPresent()).toList();
    for (int i = 0; i < withToken.size(); i++) {
      for (int j = i + 1; j < withToken.size(); j++) {
        if (MessageDigest.isEqual(bytes(withToken.get(i)), bytes(withToken.get(j)))) {
          throw new ConfigException("bitrix.portal." + withToken.get(j).id()
              + ".events.application.token", "is the same as portal '" + withToken.get(i).id()
              + "''s", "copy each portal's own application token");
        }
      }
    }
  }

  private static byte[] bytes(PortalConfig p) {
    return p.events().applicationToken().orElseThrow()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
