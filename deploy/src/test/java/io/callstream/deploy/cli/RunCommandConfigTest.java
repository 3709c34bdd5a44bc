package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A bad configuration stops {@code run} before anything connects, with exit code 2 and a message
 * that names the key. Runs on the shipped example configuration, changed one line at a time.
 */
class RunCommandConfigTest {

  private static final Path EXAMPLE = Path.of("config/callstream.example.yaml");

  @TempDir
  Path dir;

  @Test
  void shouldNameAMisspeltPbxKeyAndSuggestTheRightOne() throws Exception {
    Result r = run(example().replace("    host: ${AMI_HOST", "    hots: ${AMI_HOST"), env());

    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("pbxs.office.hots: unknown key (did you mean 'host'?)");
  }

  @Test
  void shouldNameTheVariableWhenTheAmiSecretIsMissing() throws Exception {
    Map<String, String> env = env();
    env.remove("AMI_SECRET");

    Result r = run(example(), env);

    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("ami.pbx.office.secret.env").contains("AMI_SECRET");
  }

  @Test
  void shouldNameTheKeyWhenTheWebhookVariableIsMissing() throws Exception {
    Map<String, String> env = env();
    env.remove("BITRIX_WEBHOOK_URL");

    Result r = run(example(), env);

    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("portals.main.webhook.url: environment variable BITRIX_WEBHOOK_URL is not set");
  }

  @Test
  void shouldNameTheKeyOfAnUnknownPreset() throws Exception {
    Result r = run(example().replace("preset: freepbx17", "preset: freepbx99"), env());

    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("correlator.pbx.office.dialplan.preset").contains("freepbx99");
  }

  @Test
  void shouldNameAnUnknownSection() throws Exception {
    Result r = run(example().replace("portals:", "portal:"), env());

    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("portal: unknown section (did you mean 'portals'?)");
  }

  @Test
  void shouldNeverPrintTheSecretsItRejects() throws Exception {
    Result r = run(example().replace("preset: freepbx17", "preset: freepbx99"), env());

    assertThat(r.err + r.out).doesNotContain("s3cret-ami").doesNotContain("hooksecret42");
  }

  private String example() throws Exception {
    return Files.readString(EXAMPLE);
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("AMI_SECRET", "s3cret-ami");
    env.put("BITRIX_WEBHOOK_URL", "https://example.bitrix24.ru/rest/1/hooksecret42/");
    env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
    env.put("CALLSTREAM_STATE_DIR", dir.resolve("state").toString());
    return env;
  }

  private Result run(String yaml, Map<String, String> env) throws Exception {
    Path file = dir.resolve("callstream.yaml");
    Files.writeString(file, yaml);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = CallstreamCommand.configure(new CommandLine(new RunCommand(env)));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Result(cli.execute("--config", file.toString()), out.toString(), err.toString());
  }

  record Result(int exit, String out, String err) {
  }
}
