package io.callstream.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoWebServerTest {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void shouldServeThePageAndTheBoardAsJson() throws Exception {
    CallBoard board = new CallBoard(Clock.systemUTC(), line -> { }, () -> 0);
    board.onRawEvents(7);
    try (DemoWebServer server = DemoWebServer.start(0, board)) {
      HttpResponse<String> page = get(server.url());
      HttpResponse<String> json = get(server.url() + "api/board");

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<title>CallStream demo</title>");
      assertThat(json.statusCode()).isEqualTo(200);
      assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(json.body()).contains("\"rawEvents\":7");
    }
  }

  @Test
  void shouldBeReadOnly() throws Exception {
    try (DemoWebServer server = DemoWebServer.start(0, new CallBoard(Clock.systemUTC(), l -> { }, () -> 0))) {
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/board"))
          .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(get(server.url() + "nope").statusCode()).isEqualTo(404);
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
