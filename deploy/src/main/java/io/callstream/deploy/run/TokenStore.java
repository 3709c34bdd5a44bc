package io.callstream.deploy.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.sink.client.OAuthAuthenticator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps each portal's rotated OAuth tokens in a file only this user can read. Bitrix24 rotates the
 * refresh token on every refresh, so the one in the configuration is dead after the first refresh:
 * without this file the next start could not authenticate.
 */
public final class TokenStore {

  private final Path dir;
  private final ObjectMapper json = new ObjectMapper();

  public TokenStore(Path dir) {
    this.dir = dir;
  }

  public Optional<OAuthAuthenticator.Tokens> load(String portal) {
    Path file = file(portal);
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    try {
      Map<?, ?> m = json.readValue(file.toFile(), Map.class);
      return Optional.of(new OAuthAuthenticator.Tokens((String) m.get("accessToken"),
          (String) m.get("refreshToken")));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the stored OAuth tokens of portal " + portal
          + " from " + file + "; delete the file to fall back to the configured tokens", e);
    }
  }

  /** Writes atomically (temporary file, then rename), readable by the owner only. */
  public synchronized void save(String portal, OAuthAuthenticator.Tokens tokens) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, portal, ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Map<String, String> m = new LinkedHashMap<>();
      m.put("accessToken", tokens.accessToken());
      m.put("refreshToken", tokens.refreshToken());
      json.writeValue(tmp.toFile(), m);
      try {
        Files.move(tmp, file(portal), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file(portal), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot store the rotated OAuth tokens of portal " + portal
          + " in " + dir, e);
    }
  }

  /** The configured keys with each portal's stored tokens put in place of the configured ones. */
  public Map<String, String> applyTo(Map<String, String> sinkKeys) {
    Map<String, String> keys = new LinkedHashMap<>(sinkKeys);
    for (String portal : sinkKeys.getOrDefault("bitrix.portals", "").split(",")) {
      String prefix = "bitrix.portal." + portal.trim() + ".oauth.";
      if (!portal.isBlank() && keys.containsKey(prefix + "refresh.token")) {
        load(portal.trim()).ifPresent(t -> {
          keys.put(prefix + "access.token", t.accessToken());
          keys.put(prefix + "refresh.token", t.refreshToken());
        });
      }
    }
    return keys;
  }

  private Path file(String portal) {
    return dir.resolve("oauth-" + portal + ".json");
  }
}
