package io.callstream.correlator;

import io.callstream.schemas.AmiHeader;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One difference between the recorded PBX and another installation, applied to the headers of
 * every recorded frame and, the same way, to the text of the truth files (channel names,
 * extensions and numbers appear in both).
 */
interface PbxRewrite {

  /**
   * Headers whose values are ids, clocks, counters or priorities: a number in them is never an
   * extension or a phone number (a Uniqueid's sequence can be 101).
   */
  Pattern NOT_A_NAME = Pattern.compile("(?i).*(uniqueid|linkedid|actionid|bridgeid|timestamp"
      + "|priority|time|seconds|duration|uptime|lastreload|count|position|cause|sequencenumber"
      + "|items|state|epoch|utc|^t|^t_.*)");

  List<AmiHeader> headers(List<AmiHeader> headers);

  /** A text value of the truth file, {@code field} being its JSON field name. */
  String truth(String field, String value);

  /** Rewrites every match of {@code pattern} in every value that can hold a name or a number. */
  static PbxRewrite values(Pattern pattern, Function<MatchResult, String> replacement) {
    return new PbxRewrite() {
      @Override
      public List<AmiHeader> headers(List<AmiHeader> headers) {
        return headers.stream().map(h -> new AmiHeader(h.getName(),
            truth(h.getName(), h.getValue()))).toList();
      }

      @Override
      public String truth(String field, String value) {
        if (value == null || NOT_A_NAME.matcher(field).matches()) {
          return value;
        }
        return pattern.matcher(value).replaceAll(m -> Matcher.quoteReplacement(
            replacement.apply(m)));
      }
    };
  }

  /** Replaces whole header values of headers named {@code …suffix} (e.g. every Context). */
  static PbxRewrite wholeValue(String headerSuffix, String from, String to) {
    return new PbxRewrite() {
      @Override
      public List<AmiHeader> headers(List<AmiHeader> headers) {
        return headers.stream().map(h -> h.getName().toLowerCase(Locale.ROOT).endsWith(headerSuffix)
            && from.equals(h.getValue()) ? new AmiHeader(h.getName(), to) : h).toList();
      }

      @Override
      public String truth(String field, String value) {
        return value;
      }
    };
  }
}
