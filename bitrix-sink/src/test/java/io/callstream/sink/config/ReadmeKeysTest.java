package io.callstream.sink.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every key the sink accepts is in the README's key table. */
class ReadmeKeysTest {

  private static List<String> suffixes(Pattern keys) {
    String p = keys.pattern();
    String group = p.substring(p.indexOf('(') + 1, p.lastIndexOf(')'));
    List<String> out = new ArrayList<>();
    for (String s : group.split("\\|")) {
      out.add("." + s.replace("\\.", ".") + "`");
    }
    return out;
  }

  @Test
  void everyKeyIsDocumented() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    List<String> expected = new ArrayList<>();
    for (Field f : SinkConfig.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        expected.add("`" + f.get(null) + "`");
      }
    }
    expected.addAll(suffixes(SinkConfig.PORTAL_KEY));
    expected.addAll(suffixes(SinkConfig.PBX_KEY));
    assertThat(expected).hasSizeGreaterThan(30);
    assertThat(expected).allSatisfy(k -> assertThat(readme).as("README documents %s", k).contains(k));
  }
}
