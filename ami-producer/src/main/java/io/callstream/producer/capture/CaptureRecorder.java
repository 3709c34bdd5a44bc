package io.callstream.producer.capture;

import io.callstream.producer.ami.AmiAction;
import io.callstream.producer.ami.AmiLogin;
import io.callstream.producer.ami.AmiSession;
import io.callstream.producer.ami.AmiStreamListener;
import io.callstream.producer.ami.AuthenticationRejected;
import io.callstream.producer.config.PbxConfig;
import io.callstream.schemas.ami.AmiFrame;
import io.callstream.schemas.ami.InvalidFrame;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records one live AMI session into a capture file: the exact bytes received, from the banner to
 * the Logoff answer, like the recorded fixtures. For {@code callstream capture} and bug reports.
 */
public final class CaptureRecorder {

  private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration LOGOFF_WAIT = Duration.ofSeconds(2);

  private CaptureRecorder() {
  }

  /** What was recorded. */
  public record Recording(Path file, long frames, long invalidFrames, long bytes) {
  }

  /**
   * Logs in to {@code pbx} with its event mask (filters are not sent: a capture keeps everything
   * the mask lets through), writes every received byte to {@code file} for {@code duration} or
   * until {@code stop} counts down, then logs off.
   */
  public static Recording record(PbxConfig pbx, Path file, Duration duration, CountDownLatch stop,
      Duration connectTimeout)
      throws IOException, AuthenticationRejected, TimeoutException, InterruptedException {
    AtomicLong frames = new AtomicLong();
    AtomicLong invalid = new AtomicLong();
    CountDownLatch closed = new CountDownLatch(1);
    AmiStreamListener counter = new AmiStreamListener() {
        @Override
        public void onFrame(AmiFrame frame) {
          frames.incrementAndGet();
        }

        @Override
        public void onInvalid(InvalidFrame frame) {
          invalid.incrementAndGet();
        }

        @Override
        public void onClosed(String reason) {
          closed.countDown();
        }
      };
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
      AmiSession session = AmiSession.connect(pbx.host(), pbx.port(), pbx.tls(), connectTimeout,
          1 << 20, out, counter, "ami-capture-" + pbx.pbxId(), "capture");
      try {
        AmiLogin.login(session, pbx.username(), pbx.secret(), pbx.eventMask(), LOGIN_TIMEOUT);
        if (!stop.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
          session.send(AmiAction.of("Logoff")).get(LOGOFF_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        closed.await(LOGOFF_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        // The PBX ended the session first; what arrived until then is the capture.
      } finally {
        session.close("capture finished");
        session.awaitReaderStopped(LOGOFF_WAIT);
      }
    }
    return new Recording(file, frames.get(), invalid.get(), Files.size(file));
  }
}
