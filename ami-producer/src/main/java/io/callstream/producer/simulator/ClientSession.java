package io.callstream.producer.simulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client of the simulated PBX: reads its actions (CRLF or bare LF, as Asterisk accepts) and
 * answers them the way Asterisk does; receives the replayed events once logged in.
 */
final class ClientSession implements Runnable {

  private final Socket socket;
  private final OutputStream out;
  private final AmiSimulator simulator;
  private final SimulatorConfig config;
  private final SessionFilters filters = new SessionFilters();
  private String challenge;
  private volatile boolean loggedIn;
  private volatile boolean eventsOn;

  ClientSession(Socket socket, AmiSimulator simulator, SimulatorConfig config) throws IOException {
    this.socket = socket;
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    this.simulator = simulator;
    this.config = config;
  }

  boolean receivesEvents() {
    return loggedIn && eventsOn;
  }

  /** Whether this session's filters let the frame through (see {@link SessionFilters}). */
  boolean accepts(byte[] frame) {
    return filters.accepts(frame);
  }

  /** Writes a frame; on failure the client is dropped, as Asterisk drops a stalled session. */
  synchronized void write(byte[] bytes, boolean flush) {
    try {
      out.write(bytes);
      if (flush) {
        out.flush();
      }
    } catch (IOException e) {
      close();
    }
  }

  synchronized void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      close();
    }
  }

  void close() {
    loggedIn = false;
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed by the peer; nothing left to release.
    }
    simulator.removed(this);
  }

  @Override
  public void run() {
    try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
      write(("Asterisk Call Manager/" + config.amiVersion() + "\r\n").getBytes(StandardCharsets.UTF_8), true);
      Map<String, String> action;
      while ((action = readAction(in)) != null) {
        if (!handle(action)) {
          break;
        }
      }
    } catch (IOException | InterruptedException e) {
      // The client went away or the simulator closed it; either way the session ends here.
    } finally {
      close();
    }
  }

  private boolean handle(Map<String, String> a) throws InterruptedException {
    String name = a.getOrDefault("action", "").toLowerCase(Locale.ROOT);
    simulator.received(a);
    String id = a.get("actionid");
    if (simulator.unresponsive()) {
      return true;
    }
    if (!loggedIn && !name.equals("login") && !name.equals("challenge") && !name.equals("logoff")) {
      respond("Error", id, "Message: Authentication Required");
      return true;
    }
    switch (name) {
      case "challenge" -> {
        challenge = Long.toString(100_000_000L + ThreadLocalRandom.current().nextLong(899_999_999L));
        respond("Success", id, "Challenge: " + challenge);
      }
      case "login" -> {
        return login(a, id);
      }
      case "logoff" -> {
        respond("Goodbye", id, "Message: Thanks for all the fish.");
        return false;
      }
      case "ping" -> respond("Success", id, "Ping: Pong", "Timestamp: "
          + LoopRewriter.formatMicros(simulator.clock().millis() * 1000));
      case "coresettings" -> respond("Success", id, "AMIversion: " + config.amiVersion(),
          "AsteriskVersion: 22.10.1", "SystemName: ", "CoreMaxCalls: 0",
          "CoreMaxLoadAvg: 0.000000", "CoreRunUser: asterisk", "CoreRunGroup: asterisk",
          "CoreMaxFilehandles: 0", "CoreRealTimeEnabled: No", "CoreCDRenabled: Yes",
          "CoreHTTPenabled: No");
      case "command" -> respond("Success", id, "Message: Command output follows",
          "Output: Asterisk 22.10.1 built by callstream-simulator");
      case "coreshowchannels" -> simulator.answerCoreShowChannels(this, id);
      case "bridgelist" -> simulator.answerBridgeList(this, id);
      case "queuestatus" -> simulator.answerQueueStatus(this, id);
      case "parkedcalls" -> simulator.answerParkedCalls(this, id);
      case "status" -> emptyList(id, "Channel status", "StatusComplete");
      case "events" -> {
        eventsOn = !"off".equalsIgnoreCase(a.getOrDefault("eventmask", "on"));
        respond("Success", id, "Events: " + (eventsOn ? "On" : "Off"));
      }
      case "filter" -> filter(a, id);
      case "originate" -> originate(a, id);
      default -> respond("Error", id, "Message: Invalid/unknown command");
    }
    return true;
  }

  private boolean login(Map<String, String> a, String id) throws InterruptedException {
    boolean userOk = config.username().equals(a.get("username"));
    boolean secretOk = "md5".equalsIgnoreCase(a.get("authtype"))
        ? challenge != null && md5Hex(challenge + config.secret()).equals(a.get("key"))
        : config.secret().equals(a.get("secret"));
    if (!userOk || !secretOk) {
      simulator.loginFailed();
      Thread.sleep(config.authFailureDelay().toMillis());
      respond("Error", id, "Message: Authentication failed");
      return false;
    }
    eventsOn = !"off".equalsIgnoreCase(a.getOrDefault("events", "on"));
    respond("Success", id, "Message: Authentication accepted");
    if (eventsOn) {
      write(("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 1\r\nLastReload: 1\r\n"
          + "Status: Fully Booted\r\n\r\n").getBytes(StandardCharsets.UTF_8), true);
    }
    loggedIn = true;
    simulator.loggedIn(this);
    return true;
  }

  private void filter(Map<String, String> a, String id) {
    if (!"add".equalsIgnoreCase(a.getOrDefault("operation", ""))) {
      respond("Error", id, "Message: Unknown operation");
    } else if (filters.add(a.getOrDefault("filter", ""), a.get("matchcriteria"))) {
      respond("Success", id, "Message: Filter Added Successfully");
    } else {
      respond("Error", id, "Message: Filter Not Added");
    }
  }

  private void originate(Map<String, String> a, String id) {
    OriginateCall call = new OriginateCall(a, id, simulator.originateOutcome(),
        simulator.clock().instant().getEpochSecond());
    if ("true".equalsIgnoreCase(a.get("async"))) {
      respond("Success", id, "Message: Originate successfully queued");
      simulator.playOriginate(call, true);
    } else {
      simulator.playOriginate(call, false);
      respond("Success", id, "Message: Originate successfully queued");
    }
  }

  private void emptyList(String id, String what, String complete) {
    respond("Success", id, "EventList: start", "Message: " + what + " will follow");
    write(frame("Event: " + complete, id == null ? null : "ActionID: " + id, "EventList: Complete",
        "ListItems: 0"), true);
  }

  private void respond(String response, String id, String... lines) {
    String[] all = new String[lines.length + 2];
    all[0] = "Response: " + response;
    all[1] = id == null ? null : "ActionID: " + id;
    System.arraycopy(lines, 0, all, 2, lines.length);
    write(frame(all), true);
  }

  private static byte[] frame(String... lines) {
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      if (line != null) {
        sb.append(line).append("\r\n");
      }
    }
    return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads one action; header names lower-cased, first value kept, repeated {@code Variable}
   * headers joined with ',' (as Asterisk accepts them). Null at end of stream.
   */
  private Map<String, String> readAction(InputStream in) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    for (int b = in.read(); b >= 0; b = in.read()) {
      simulator.receivedByte(b);
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      if (text.isEmpty()) {
        if (!headers.isEmpty()) {
          return headers;
        }
        continue;
      }
      int colon = text.indexOf(':');
      if (colon > 0) {
        String name = text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).trim();
        if (name.equals("variable") && headers.containsKey(name)) {
          headers.put(name, headers.get(name) + "," + value);
        } else {
          headers.putIfAbsent(name, value);
        }
      }
    }
    return null;
  }

  private static String md5Hex(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has MD5", e);
    }
  }
}
