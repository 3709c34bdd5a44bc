package io.callstream.sink.crm;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks values that will reach an AMI action. The producer validates again before AMI; checking
 * here too means a bad request becomes a dead letter with its reason at the door, and no
 * CR/LF, header line or shell-ish character ever enters {@code pbx.commands}.
 */
final class PbxValues {

  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,31}");
  private static final Pattern EXTENSION = Pattern.compile("[0-9A-Za-z*#]{1,16}");
  /** Only the visual separators people type in phone numbers; anything else stays and fails. */
  private static final Pattern SEPARATORS = Pattern.compile("[ ()\\-.]");
  private static final int MAX_RAW_NUMBER = 64;

  private PbxValues() {
  }

  /** Digits with an optional leading '+', at most 32 characters, after removing separators. */
  static Optional<String> number(String raw) {
    if (raw == null || raw.length() > MAX_RAW_NUMBER) {
      return Optional.empty();
    }
    String n = SEPARATORS.matcher(raw.strip()).replaceAll("");
    return NUMBER.matcher(n).matches() ? Optional.of(n) : Optional.empty();
  }

  static boolean extension(String ext) {
    return ext != null && EXTENSION.matcher(ext).matches();
  }

  /** A printable description of a rejected value for a dead letter: bounded, no control bytes. */
  static String show(String raw) {
    if (raw == null) {
      return "(none)";
    }
    String cut = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "' (" + raw.length() + " chars)";
  }
}
