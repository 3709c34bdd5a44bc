package io.callstream.producer.connection;

import io.callstream.producer.ami.AmiAction;
import io.callstream.producer.ami.AmiReply;
import io.callstream.producer.ami.AmiSession;
import io.callstream.producer.config.PbxConfig;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.asteriskjava.AsteriskVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional steps after login: learn the Asterisk version and install the PBX's volume
 * filters. Neither may end a session: without them the stream is simply complete and unfiltered.
 */
final class SessionSetup {

  private static final Logger LOG = LoggerFactory.getLogger(SessionSetup.class);
  private static final String ADVANCED = "MatchCriteria=";

  private final PbxConfig pbx;
  private final Duration timeout;

  SessionSetup(PbxConfig pbx, Duration timeout) {
    this.pbx = pbx;
    this.timeout = timeout;
  }

  /**
   * The AsteriskVersion from CoreSettings, or null. Needs the 'system' or 'reporting' read class;
   * asterisk-java parses the string the way its own connection does.
   */
  String detectVersion(AmiSession session) throws InterruptedException {
    try {
      AmiReply reply = session.send(AmiAction.of("CoreSettings")).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      String version = reply.header("AsteriskVersion");
      if (version != null) {
        LOG.info("PBX {}: Asterisk {} ({}), AMI {}", pbx.pbxId(), version,
            AsteriskVersion.getDetermineVersionFromString("Asterisk " + version), reply.header("AMIversion"));
      }
      return version;
    } catch (ExecutionException | TimeoutException e) {
      LOG.info("PBX {}: Asterisk version unknown (CoreSettings not answered: {})", pbx.pbxId(),
          e.getClass().getSimpleName());
      return null;
    }
  }

  /** Sends each configured filter; a refusal is logged and the stream stays unfiltered. */
  void applyFilters(AmiSession session) throws InterruptedException {
    for (String filter : pbx.filters()) {
      try {
        AmiReply reply = session.send(action(filter)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!reply.isSuccess()) {
          LOG.warn("PBX {}: filter '{}' refused ({}); the PBX sends unfiltered events. The user "
              + "needs 'system' write permission; advanced filters need Asterisk 18.26/20.11/21.6/22.1+",
              pbx.pbxId(), filter, reply.header("Message"));
        }
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("PBX {}: filter '{}' not answered ({})", pbx.pbxId(), filter, e.getClass().getSimpleName());
      }
    }
  }

  /** {@code MatchCriteria=<criteria> <filter>} is the advanced form; anything else is legacy. */
  static AmiAction action(String filter) {
    AmiAction action = AmiAction.of("Filter").header("Operation", "Add");
    if (!filter.startsWith(ADVANCED)) {
      return action.header("Filter", filter);
    }
    int space = filter.indexOf(' ');
    String criteria = filter.substring(ADVANCED.length(), space < 0 ? filter.length() : space);
    return action.header("MatchCriteria", criteria).header("Filter", space < 0 ? "" : filter.substring(space + 1));
  }
}
