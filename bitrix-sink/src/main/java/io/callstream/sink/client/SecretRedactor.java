package io.callstream.sink.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Masks secrets before text leaves the sink (log lines, exception messages, metric tags, dead
 * letters). Webhook codes sit in the URL path, which OkHttp's logging does not redact, so they are
 * masked by shape; OAuth tokens and client secrets are masked by value once registered.
 */
public final class SecretRedactor {

  public static final String MASK = "***";
  private static final Pattern WEBHOOK_PATH = Pattern.compile("(/rest/[0-9]+/)[^/?#\\s\"]+");
  private static final Pattern TOKEN_PARAMS = Pattern.compile(
      "((?:auth|access_token|refresh_token|client_secret|application_token|token)=)[^&\\s\"]+");
  private static final Pattern TOKEN_JSON = Pattern.compile(
      "(\"(?:auth|access_token|refresh_token|client_secret|application_token)\"\\s*:\\s*\")[^\"]*");

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  /** Remember a secret value (token, client secret) so it is masked wherever it appears. */
  public void register(String secret) {
    if (secret != null && secret.length() >= 4) {
      secrets.add(secret);
    }
  }

  public void forget(String secret) {
    if (secret != null) {
      secrets.remove(secret);
    }
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = redactWebhookPath(text);
    out = TOKEN_PARAMS.matcher(out).replaceAll("$1" + MASK);
    out = TOKEN_JSON.matcher(out).replaceAll("$1" + MASK);
    for (String s : secrets) {
      out = out.replace(s, MASK);
    }
    return out;
  }

  /** Masks only the webhook code in {@code /rest/{user}/{code}/...}; usable without an instance. */
  public static String redactWebhookPath(String text) {
    return text == null ? null : WEBHOOK_PATH.matcher(text).replaceAll("$1" + MASK);
  }
}
