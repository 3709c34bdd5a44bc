package io.callstream.deploy.doctor;

import io.callstream.producer.ami.AmiAction;
import io.callstream.producer.ami.AmiLogin;
import io.callstream.producer.ami.AmiReply;
import io.callstream.producer.ami.AmiSession;
import io.callstream.producer.ami.AmiStreamListener;
import io.callstream.producer.ami.AuthenticationRejected;
import io.callstream.producer.config.PbxConfig;
import io.callstream.schemas.ami.AmiFrame;
import io.callstream.schemas.ami.InvalidFrame;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One PBX's AMI, checked the way the producer uses it: reachable, login accepted, the actions the
 * resync needs permitted, and what the event stream looks like (volume, dialplan noise, PBX
 * timestamps).
 */
public final class AmiCheck implements Check {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
  /** Beyond this the PBX's clock is worth fixing: the CRM shows call start times from it. */
  private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(2);

  private final PbxConfig pbx;
  private final Duration sample;
  private final Clock clock;

  /**
   * @param sample how long to watch the event stream for the volume advice
   * @param clock this host's clock, which the PBX's clock is compared with
   */
  public AmiCheck(PbxConfig pbx, Duration sample, Clock clock) {
    this.pbx = pbx;
    this.sample = sample;
    this.clock = clock;
  }

  @Override
  public List<CheckResult> run() {
    String area = "AMI " + pbx.pbxId() + " (" + pbx.host() + ":" + pbx.port() + ")";
    List<CheckResult> results = new ArrayList<>();
    Stream stream = new Stream();
    AmiSession session;
    try {
      session = AmiSession.connect(pbx.host(), pbx.port(), pbx.tls(), CONNECT_TIMEOUT, 1 << 20, null,
          stream, "doctor-" + pbx.pbxId(), "doctor");
    } catch (ConnectException e) {
      results.add(CheckResult.fail(area, "connection refused by " + pbx.host() + ":" + pbx.port(),
          "AMI is off or on another port: in manager.conf [general] set enabled=yes, port="
              + pbx.port() + " and bindaddr to an address this host reaches, then 'manager reload'."
              + " Allow TCP from this host to " + pbx.host() + ":" + pbx.port()
              + " (outbound from CallStream; the PBX never connects to CallStream)."));
      return results;
    } catch (SocketTimeoutException e) {
      results.add(CheckResult.fail(area, "no answer from " + pbx.host() + ":" + pbx.port() + " within "
          + CONNECT_TIMEOUT.toSeconds() + " s", "a firewall drops the packets: allow TCP from this "
          + "host to " + pbx.host() + ":" + pbx.port() + " (outbound from CallStream to the PBX)."));
      return results;
    } catch (IOException e) {
      results.add(CheckResult.fail(area, "cannot connect: " + e.getMessage(),
          "check ami.pbx." + pbx.pbxId() + ".host/port" + (pbx.tls() ? " and the PBX's TLS certificate" : "")));
      return results;
    }
    try (session) {
      String banner = AmiLogin.login(session, pbx.username(), pbx.secret(), pbx.eventMask(), ANSWER_TIMEOUT);
      results.add(CheckResult.ok(area, "logged in as '" + pbx.username() + "' (" + banner + ")"));
      results.add(permission(area, session, "CoreShowChannels", true,
          "the resync after a reconnect cannot list live channels, so calls whose hangup was missed "
              + "cannot be closed: add 'reporting' (or 'call') to read= of [" + pbx.username() + "]"));
      results.add(permission(area, session, "CoreSettings", false,
          "the Asterisk version cannot be read: add 'system' or 'reporting' to read= of ["
              + pbx.username() + "]"));
      results.add(clockSkew(area, session));
      Thread.sleep(sample.toMillis());
      results.addAll(stream.advice(area, sample));
    } catch (AuthenticationRejected e) {
      results.add(CheckResult.fail(area, "login as '" + pbx.username() + "' rejected",
          "the username or secret is wrong, or this host is not permitted: check [" + pbx.username()
              + "] in manager.conf / manager_custom.conf (secret=, permit=<this host>/255.255.255.255,"
              + " deny=), then 'manager reload'; check the secret CallStream reads (secret.env/secret.file)"));
    } catch (TimeoutException e) {
      results.add(CheckResult.fail(area, "the PBX did not answer the login within "
          + ANSWER_TIMEOUT.toSeconds() + " s", "is this an Asterisk Manager port? (AMI answers with "
          + "'Asterisk Call Manager/x.y.z' on connect)"));
    } catch (ExecutionException e) {
      results.add(CheckResult.fail(area, "the session ended: " + e.getCause().getMessage(), ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return results;
  }

  private static CheckResult permission(String area, AmiSession session, String action, boolean list,
      String fix) throws InterruptedException, ExecutionException, TimeoutException {
    AmiAction request = AmiAction.of(action);
    AmiReply reply = (list ? session.sendList(request) : session.send(request))
        .get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (reply.isSuccess()) {
      return CheckResult.ok(area, action + " permitted");
    }
    String message = reply.header("Message");
    return list ? CheckResult.fail(area, action + " refused: " + message, fix)
        : CheckResult.warn(area, action + " refused: " + message, fix);
  }

  /**
   * Compares the PBX's clock (the Timestamp of its Ping answer) with this host's: call times are
   * taken from the PBX, so a PBX clock that is off shows in the CRM.
   */
  private CheckResult clockSkew(String area, AmiSession session)
      throws InterruptedException, ExecutionException, TimeoutException {
    long before = clock.millis();
    AmiReply pong = session.send(AmiAction.of("Ping")).get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    long after = clock.millis();
    Long pbxMillis = epochMillis(pong.header("Timestamp"));
    if (pbxMillis == null) {
      return CheckResult.ok(area, "the PBX's Ping answer has no Timestamp, so its clock cannot be compared");
    }
    long skew = pbxMillis - (before + after) / 2;
    long margin = CLOCK_TOLERANCE.toMillis() + (after - before) / 2;
    if (Math.abs(skew) <= margin) {
      return CheckResult.ok(area, "PBX clock within " + CLOCK_TOLERANCE.toSeconds() + " s of this host's");
    }
    return CheckResult.warn(area, String.format(Locale.ROOT, "PBX clock is %.1f s %s this host's", Math.abs(skew) / 1000.0,
        skew < 0 ? "behind" : "ahead of"), "CallStream times calls with the PBX clock, so Bitrix24 "
        + "shows call start times this far off (durations stay right): enable NTP on the PBX (chrony or "
        + "systemd-timesyncd; FreePBX: System Admin > Time Zone / NTP) and on this host");
  }

  private static Long epochMillis(String seconds) {
    if (seconds == null) {
      return null;
    }
    try {
      return new java.math.BigDecimal(seconds.trim()).movePointRight(3).longValue();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Counts what the session receives, on the reader thread. */
  private static final class Stream implements AmiStreamListener {
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong noise = new AtomicLong();
    private final AtomicLong withTimestamp = new AtomicLong();

    @Override
    public void onFrame(AmiFrame frame) {
      if (frame.eventName() == null) {
        return;
      }
      events.incrementAndGet();
      if (frame.eventName().equalsIgnoreCase("VarSet") || frame.eventName().equalsIgnoreCase("Newexten")) {
        noise.incrementAndGet();
      }
      if (frame.pbxTimeMicros() != null) {
        withTimestamp.incrementAndGet();
      }
    }

    @Override
    public void onInvalid(InvalidFrame invalid) {
      // Counted by the producer when it runs; the doctor only samples the volume.
    }

    @Override
    public void onClosed(String reason) {
      // The check ends the session itself.
    }

    List<CheckResult> advice(String area, Duration sample) {
      List<CheckResult> out = new ArrayList<>();
      long n = events.get();
      double perSecond = n / (double) Math.max(1, sample.toSeconds());
      if (n == 0) {
        out.add(CheckResult.ok(area, "no events in " + sample.toSeconds() + " s (an idle PBX?); "
            + "place a test call during 'doctor' to check the event stream"));
        return out;
      }
      long share = Math.round(100.0 * noise.get() / n);
      String volume = String.format(Locale.ROOT, "%.0f events/s in the sample, %d %% VarSet/Newexten dialplan noise", perSecond, share);
      out.add(share > 50
          ? CheckResult.warn(area, volume, "optional: log in with events: call,agent,user,cdr,system "
              + "and set channelvars=FROM_DID,MIXMONITOR_FILENAME,CALLSTREAM_CRM_CALL_ID in manager.conf "
              + "[general] (or an include-only eventfilter on Asterisk 18.26/20.11/21.6/22.1+) to send "
              + "far less; CallStream drops the noise itself, so this only saves bandwidth and Kafka storage")
          : CheckResult.ok(area, volume));
      // A few system events (FullyBooted) never carry one; the call events do when it is on.
      out.add(withTimestamp.get() * 2 > n
          ? CheckResult.ok(area, "events carry the PBX Timestamp (call times use the PBX clock)")
          : CheckResult.warn(area, "events have no Timestamp header", "set timestampevents=yes in "
              + "manager.conf [general]: without it call times come from CallStream's clock"));
      return out;
    }
  }
}
