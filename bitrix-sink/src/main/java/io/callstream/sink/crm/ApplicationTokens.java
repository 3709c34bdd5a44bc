package io.callstream.sink.crm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which portal an {@code auth[application_token]} belongs to. Tokens are compared as SHA-256
 * digests with {@link MessageDigest#isEqual}, against every portal without stopping at a match,
 * so neither the length nor the content of a guess, nor which portal matched, shows in the time
 * taken.
 */
final class ApplicationTokens {

  private final Map<String, byte[]> digests = new LinkedHashMap<>();

  ApplicationTokens(Map<String, String> tokenByPortal) {
    tokenByPortal.forEach((portal, token) -> digests.put(portal, digest(token)));
  }

  Optional<String> portalOf(String token) {
    byte[] given = digest(token == null ? "" : token);
    String match = null;
    for (Map.Entry<String, byte[]> e : digests.entrySet()) {
      boolean equal = MessageDigest.isEqual(given, e.getValue());
      if (equal && token != null && !token.isEmpty()) {
        match = e.getKey();
      }
    }
    return Optional.ofNullable(match);
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
