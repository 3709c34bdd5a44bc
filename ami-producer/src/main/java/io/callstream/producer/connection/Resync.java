package io.callstream.producer.connection;

import io.callstream.producer.ami.AmiAction;
import io.callstream.producer.ami.AmiReply;
import io.callstream.producer.ami.AmiSession;
import io.callstream.producer.publish.SessionSequencer;
import io.callstream.schemas.AmiFrameKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * After every login: asks the PBX what exists now (channels, bridges, queues, parked calls) and
 * frames the answers with RESYNC_BEGIN/RESYNC_END, so the correlator can close calls whose end
 * it missed and adopt calls already in progress. The answers themselves are ordinary frames
 * published by the reader; RESYNC_END follows the last {@code ...Complete} event.
 */
final class Resync {

  private final List<String> actions;
  private final Duration timeout;

  Resync(List<String> actions, Duration timeout) {
    this.actions = actions;
    this.timeout = timeout;
  }

  void run(AmiSession session, SessionSequencer sequencer, CompletableFuture<Ended> ended)
      throws InterruptedException {
    if (actions.isEmpty()) {
      return;
    }
    sequencer.marker(AmiFrameKind.RESYNC_BEGIN, String.join(",", actions));
    List<CompletableFuture<AmiReply>> replies = new ArrayList<>();
    for (String action : actions) {
      replies.add(session.sendList(AmiAction.of(action)));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new));
    try {
      CompletableFuture.anyOf(all, ended).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Reported per action below; an incomplete resync is still worth its marker.
    }
    List<String> outcome = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      outcome.add(actions.get(i) + ": " + describe(replies.get(i)));
    }
    sequencer.marker(AmiFrameKind.RESYNC_END, String.join("; ", outcome));
  }

  private static String describe(CompletableFuture<AmiReply> reply) {
    if (!reply.isDone()) {
      return "incomplete (no answer in time)";
    }
    if (reply.isCompletedExceptionally()) {
      return "incomplete (connection lost)";
    }
    AmiReply r = reply.join();
    if (!r.isSuccess()) {
      return "error (" + r.header("Message") + ")";
    }
    long items = r.items().stream().filter(f -> !isComplete(f.eventName())).count();
    return items + " items";
  }

  private static boolean isComplete(String eventName) {
    return eventName != null && eventName.endsWith("Complete");
  }
}
