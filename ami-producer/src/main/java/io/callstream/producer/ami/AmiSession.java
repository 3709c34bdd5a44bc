package io.callstream.producer.ami;

import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.ami.AmiFrame;
import io.callstream.schemas.ami.AmiFrameListener;
import io.callstream.schemas.ami.AmiFrameReader;
import io.callstream.schemas.ami.InvalidFrame;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One AMI TCP session: a dedicated thread reads the socket as fast as it can and hands every
 * byte to an {@link AmiFrameReader} (and, optionally, a capture file); the frames go to the
 * listener, and answers to our own actions are matched by ActionID. The reader never waits for
 * anything but the socket, because Asterisk drops a session that reads slower than its
 * writetimeout (100 ms).
 */
public final class AmiSession implements Closeable {

  private static final int READ_BUFFER = 64 * 1024;

  private final Socket socket;
  private final OutputStream out;
  private final ActionRouter router;
  private final CompletableFuture<AmiFrame> banner = new CompletableFuture<>();
  private final Thread reader;
  private volatile String closeReason;

  private AmiSession(Socket socket, ActionRouter router, AmiStreamListener listener,
      int maxFrameBytes, OutputStream tee, String threadName) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.router = router;
    InputStream in = socket.getInputStream();
    this.reader = new Thread(() -> readLoop(in, listener, maxFrameBytes, tee), threadName);
    reader.setDaemon(true);
  }

  /**
   * Connects and starts reading.
   *
   * @param tee receives every byte read, in order (a capture file), or null
   * @param actionIdPrefix makes our ActionIDs recognisable in the raw topic
   */
  public static AmiSession connect(String host, int port, boolean tls, Duration connectTimeout,
      int maxFrameBytes, OutputStream tee, AmiStreamListener listener, String threadName,
      String actionIdPrefix) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.setReceiveBufferSize(256 * 1024);
      socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
      Socket connected = tls ? tls(socket, host, port) : socket;
      AmiSession session = new AmiSession(connected, new ActionRouter(actionIdPrefix), listener,
          maxFrameBytes, tee, threadName);
      session.reader.start();
      return session;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static Socket tls(Socket plain, String host, int port) throws IOException {
    SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
        .createSocket(plain, host, port, true);
    SSLParameters params = ssl.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    ssl.setSSLParameters(params);
    ssl.startHandshake();
    return ssl;
  }

  /** Completes with the {@code Asterisk Call Manager/x.y.z} line. */
  public CompletableFuture<AmiFrame> banner() {
    return banner;
  }

  /** Sends an action whose answer is one response. */
  public CompletableFuture<AmiReply> send(AmiAction action) {
    return send(action, false);
  }

  /** Sends a list action; completes with the response and every item up to {@code ...Complete}. */
  public CompletableFuture<AmiReply> sendList(AmiAction action) {
    return send(action, true);
  }

  /**
   * Sends an action with an ActionID chosen by the caller (it must be one safe token), so its
   * answers can be recognised in the published stream even by another process.
   */
  public CompletableFuture<AmiReply> send(AmiAction action, String actionId) {
    if (actionId == null || !actionId.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException("ActionID must be 1-100 letters, digits, '.', '_' or '-'");
    }
    CompletableFuture<AmiReply> reply = new CompletableFuture<>();
    return write(action, router.register(actionId, false, reply), reply);
  }

  private CompletableFuture<AmiReply> send(AmiAction action, boolean list) {
    CompletableFuture<AmiReply> reply = new CompletableFuture<>();
    return write(action, router.register(list, reply), reply);
  }

  private CompletableFuture<AmiReply> write(AmiAction action, String id,
      CompletableFuture<AmiReply> reply) {
    try {
      byte[] bytes = action.toBytes(id);
      synchronized (out) {
        out.write(bytes);
        out.flush();
      }
    } catch (IOException e) {
      router.forget(id);
      reply.completeExceptionally(e);
    }
    return reply;
  }

  /** Closes the socket; the reader then stops and reports {@code reason}. */
  public void close(String reason) {
    if (closeReason == null) {
      closeReason = reason;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing a socket that already failed has nothing left to report.
    }
  }

  @Override
  public void close() {
    close("closed by the producer");
  }

  /** Waits for the reader thread to finish delivering what it read. */
  public boolean awaitReaderStopped(Duration timeout) throws InterruptedException {
    reader.join(Math.max(1, timeout.toMillis()));
    return !reader.isAlive();
  }

  private void readLoop(InputStream in, AmiStreamListener listener, int maxFrameBytes,
      OutputStream tee) {
    AmiFrameReader frames = new AmiFrameReader(maxFrameBytes, new AmiFrameListener() {
        @Override
        public void onFrame(AmiFrame frame) {
          listener.onFrame(frame);
          if (frame.kind() == AmiFrameKind.BANNER) {
            banner.complete(frame);
          } else {
            router.route(frame);
          }
        }

        @Override
        public void onInvalid(InvalidFrame invalid) {
          listener.onInvalid(invalid);
        }
      });
    String reason;
    byte[] buffer = new byte[READ_BUFFER];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (tee != null) {
          tee.write(buffer, 0, n);
        }
        frames.feed(buffer, 0, n);
      }
      reason = "connection closed by the PBX";
    } catch (IOException e) {
      reason = "read failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (RuntimeException e) {
      // A listener bug must not leave the session half-alive: end it and say why.
      reason = "reader stopped by " + e;
    }
    frames.endOfStream();
    if (closeReason != null) {
      reason = closeReason;
    }
    IOException closed = new IOException("AMI session ended: " + reason);
    banner.completeExceptionally(closed);
    router.failAll(closed);
    close(reason);
    listener.onClosed(reason);
  }
}
