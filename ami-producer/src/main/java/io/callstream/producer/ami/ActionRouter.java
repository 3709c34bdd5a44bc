package io.callstream.producer.ami;

import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.ami.AmiFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Matches answers to the actions that asked for them by ActionID. List actions complete on their
 * {@code ...Complete} event (or an error response); others on their response. Frames are only
 * observed here: every frame is published whether or not it answers an action.
 */
final class ActionRouter {

  private final String idPrefix;
  private final AtomicLong counter = new AtomicLong();
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  ActionRouter(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  String register(boolean list, CompletableFuture<AmiReply> reply) {
    return register(idPrefix + "-" + counter.incrementAndGet(), list, reply);
  }

  /** Registers a caller-chosen id (deterministic ids let a command's call be found after a crash). */
  String register(String id, boolean list, CompletableFuture<AmiReply> reply) {
    if (pending.putIfAbsent(id, new Pending(list, reply)) != null) {
      throw new IllegalStateException("ActionID " + id + " is already waiting for an answer");
    }
    return id;
  }

  void forget(String id) {
    pending.remove(id);
  }

  void route(AmiFrame frame) {
    if (frame.kind() != AmiFrameKind.RESPONSE && frame.kind() != AmiFrameKind.EVENT) {
      return;
    }
    String id = AmiReply.header(frame, "ActionID");
    Pending p = id == null ? null : pending.get(id);
    if (p == null) {
      return;
    }
    if (frame.kind() == AmiFrameKind.RESPONSE) {
      p.response = frame;
      boolean error = !"Success".equalsIgnoreCase(AmiReply.header(frame, "Response"));
      if (!p.list || error) {
        complete(id, p);
      }
    } else if (p.list) {
      p.items.add(frame);
      String eventName = frame.eventName() == null ? "" : frame.eventName();
      if (eventName.endsWith("Complete")
          || "Complete".equalsIgnoreCase(AmiReply.header(frame, "EventList"))) {
        complete(id, p);
      }
    }
  }

  /** The connection is gone: nothing pending will ever be answered. */
  void failAll(Throwable cause) {
    for (Map.Entry<String, Pending> e : pending.entrySet()) {
      e.getValue().reply.completeExceptionally(cause);
    }
    pending.clear();
  }

  private void complete(String id, Pending p) {
    pending.remove(id);
    p.reply.complete(new AmiReply(p.response, p.items));
  }

  private static final class Pending {
    final boolean list;
    final CompletableFuture<AmiReply> reply;
    final List<AmiFrame> items = new ArrayList<>();
    volatile AmiFrame response;

    Pending(boolean list, CompletableFuture<AmiReply> reply) {
      this.list = list;
      this.reply = reply;
    }
  }
}
