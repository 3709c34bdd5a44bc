package io.callstream.sink.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApplicationTokensTest {

  private final ApplicationTokens tokens = new ApplicationTokens(new LinkedHashMap<>(Map.of(
      "main", "51610fefc120afg4b628cc82d6298cce", "second", "0123456789abcdef0123456789abcdef")));

  @Test
  void onlyTheExactTokenNamesItsPortal() {
    assertThat(tokens.portalOf("51610fefc120afg4b628cc82d6298cce")).contains("main");
    assertThat(tokens.portalOf("0123456789abcdef0123456789abcdef")).contains("second");
    assertThat(tokens.portalOf("51610fefc120afg4b628cc82d6298cc")).isEmpty();
    assertThat(tokens.portalOf("51610fefc120afg4b628cc82d6298ccee")).isEmpty();
    assertThat(tokens.portalOf("51610FEFC120AFG4B628CC82D6298CCE")).isEmpty();
    assertThat(tokens.portalOf("")).isEmpty();
    assertThat(tokens.portalOf(null)).isEmpty();
  }

  @Test
  void aPortalWithAnEmptyTokenNeverMatchesAMissingOne() {
    ApplicationTokens empty = new ApplicationTokens(Map.of("main", ""));
    assertThat(empty.portalOf("")).isEmpty();
    assertThat(empty.portalOf(null)).isEmpty();
  }
}
