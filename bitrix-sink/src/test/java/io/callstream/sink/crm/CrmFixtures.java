package io.callstream.sink.crm;

import io.callstream.schemas.BitrixCommand;
import io.callstream.schemas.PbxCommand;
import io.callstream.sink.client.BitrixClient;
import io.callstream.sink.client.BitrixErrorClassifier;
import io.callstream.sink.client.SecretRedactor;
import io.callstream.sink.client.WebhookAuthenticator;
import io.callstream.sink.config.SinkConfig;
import io.callstream.sink.dispatch.Backoff;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/** A scripted portal on MockWebServer, a recording publisher and a config, for the crm tests. */
final class CrmFixtures {

  static final Instant NOW = Instant.parse("2026-03-11T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String TOKEN = "app-token-0123456789abcdef";

  private CrmFixtures() {
  }

  static Map<String, String> config() {
    Map<String, String> m = new HashMap<>();
    m.put("bitrix.portals", "main");
    m.put("bitrix.portal.main.oauth.rest.endpoint", "https://b24.example.com/rest/");
    m.put("bitrix.portal.main.oauth.client.id", "local.app.1");
    m.put("bitrix.portal.main.oauth.client.secret", "client-secret-1");
    m.put("bitrix.portal.main.oauth.access.token", "access-1");
    m.put("bitrix.portal.main.oauth.refresh.token", "refresh-1");
    m.put("bitrix.portal.main.missed.owner.user.id", "15");
    m.put("bitrix.portal.main.callback.extension", "101");
    m.put("bitrix.portal.main.events.application.token", TOKEN);
    m.put("sink.pbx.ids", "pbx1");
    m.put("sink.pbx.pbx1.portal", "main");
    m.put("bitrix.retry.initial.ms", "1");
    m.put("bitrix.retry.max.ms", "2");
    return m;
  }

  static BoundedCalls calls(int attempts) {
    return new BoundedCalls(attempts, new Backoff(Duration.ofMillis(1), Duration.ofMillis(2),
        new Random(1)), ms -> { });
  }

  static BitrixClient client(MockWebServer server) {
    SecretRedactor redactor = new SecretRedactor();
    OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(2)).build();
    return new BitrixClient("main", new WebhookAuthenticator(
        server.url("/rest/1/webhookcode000001/").toString(), redactor), http,
        new BitrixErrorClassifier(), redactor);
  }

  /** The processor the receiver would build, publishing into {@code publisher}. */
  static RequestProcessor processor(SinkConfig config, BitrixClient client,
      RequestPublisher publisher, PublishedCommands published, int attempts) {
    BoundedCalls calls = calls(attempts);
    var portal = config.portals().get("main");
    CommandFactory factory = new CommandFactory(portal,
        new AgentLookup(client, calls, Duration.ofMinutes(5)),
        new CallbackRegistrar(client, calls, portal), CLOCK);
    return new RequestProcessor(Map.of("main", factory), publisher, published,
        new CrmCallWatch(config, CLOCK), CLOCK, new SimpleMeterRegistry());
  }

  static MockResponse json(int status, String body) {
    return new MockResponse().setResponseCode(status)
        .setHeader("Content-Type", "application/json; charset=utf-8").setBody(body);
  }

  /** Answers per method from a script (last answer repeats) and logs every method called. */
  static final class ScriptedPortal extends Dispatcher {
    final List<String> timeline;
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<MockResponse>> script = new ConcurrentHashMap<>();

    ScriptedPortal(List<String> timeline) {
      this.timeline = timeline;
    }

    ScriptedPortal on(String method, MockResponse... answers) {
      script.put(method, new ArrayDeque<>(List.of(answers)));
      return this;
    }

    long count(String method) {
      return timeline.stream().filter(method::equals).count();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      String method = path.substring(path.lastIndexOf('/') + 1).replace(".json", "");
      timeline.add(method);
      requests.add(request);
      Deque<MockResponse> answers = script.get(method);
      if (answers == null || answers.isEmpty()) {
        return json(404, "{\"error\":\"ERROR_METHOD_NOT_FOUND\",\"error_description\":\"Method not found!\"}");
      }
      return answers.size() > 1 ? answers.poll() : answers.peek();
    }
  }

  /** Records what it was asked to publish in the shared timeline; can be told to fail. */
  static final class RecordingPublisher implements RequestPublisher {
    final List<String> timeline;
    final List<PbxCommand> commands = new ArrayList<>();
    final List<BitrixCommand> timeouts = new ArrayList<>();
    final List<Rejected> deadLetters = new ArrayList<>();
    volatile boolean fail;

    RecordingPublisher(List<String> timeline) {
      this.timeline = timeline;
    }

    @Override
    public synchronized void publish(List<PbxCommand> c, List<BitrixCommand> t, List<Rejected> d)
        throws PublishException {
      if (fail) {
        timeline.add("publish-failed");
        throw new PublishException("broker down", null);
      }
      timeline.add("kafka-ack");
      commands.addAll(c);
      timeouts.addAll(t);
      deadLetters.addAll(d);
    }

    @Override
    public void close() {
    }
  }

  static List<String> timeline() {
    return new CopyOnWriteArrayList<>();
  }

  /** A user.get answer listing one user with an extension. */
  static MockResponse user(long id, String extension) {
    return json(200, "{\"result\":[{\"ID\":\"" + id + "\",\"ACTIVE\":true,\"UF_PHONE_INNER\":\""
        + extension.replace("\r", "\\r").replace("\n", "\\n") + "\"}],\"total\":1,\"time\":{}}");
  }
}
