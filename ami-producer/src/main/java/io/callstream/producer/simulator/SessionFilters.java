package io.callstream.producer.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The legacy AMI {@code Filter} semantics of one session, as Asterisk applies them: a filter is a
 * regex searched in the event text; {@code !regex} excludes. With any include filter an event must
 * match one of them; an exclude match always drops it. Advanced filters ({@code MatchCriteria})
 * are accepted but treated like legacy ones on their {@code Filter} text.
 */
final class SessionFilters {

  private final List<Pattern> includes = new ArrayList<>();
  private final List<Pattern> excludes = new ArrayList<>();
  private volatile boolean active;

  synchronized boolean add(String filter, String matchCriteria) {
    boolean exclude = filter.startsWith("!");
    try {
      Pattern pattern = Pattern.compile(exclude ? filter.substring(1) : filter);
      (exclude ? excludes : includes).add(pattern);
      active = true;
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  boolean accepts(byte[] frame) {
    if (!active) {
      return true;
    }
    String text = new String(frame, StandardCharsets.UTF_8);
    synchronized (this) {
      boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(text).find());
      return included && excludes.stream().noneMatch(p -> p.matcher(text).find());
    }
  }
}
