package io.callstream.sink.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void readsPagesMapsExtensionsAndKeepsTheLastGoodMapWhenARefreshFailsOrComesBackEmpty()
      throws Exception {
    UserDirectory users = new UserDirectory("main", Duration.ofSeconds(60));
    assertThat(users.wantsPage(0)).isTrue();
    assertThat(users.pageRequest()).containsEntry("start", 0);
    users.acceptPage(json("[{\"ID\":\"11\",\"UF_PHONE_INNER\":\"101\"},{\"ID\":\"3\"}]"),
        json("{\"next\":50}"), 0);
    assertThat(users.pageRequest()).containsEntry("start", 50);
    users.acceptPage(json("[{\"ID\":\"12\",\"UF_PHONE_INNER\":\"102\"}]"), json("{}"), 10);
    assertThat(users.loaded()).isTrue();
    assertThat(users.user("101")).contains(11L);
    assertThat(users.user("102")).contains(12L);
    assertThat(users.user("103")).isEmpty();
    assertThat(users.wantsPage(30_000)).isFalse();

    assertThat(users.wantsPage(61_000)).isTrue();
    users.failRefresh("HTTP 500", 61_000, 5_000);
    assertThat(users.user("101")).contains(11L);
    assertThat(users.wantsPage(62_000)).isFalse();

    assertThat(users.wantsPage(67_000)).isTrue();
    users.acceptPage(json("[]"), json("{}"), 67_000);
    assertThat(users.user("102")).contains(12L);
  }
}
