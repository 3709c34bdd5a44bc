package io.callstream.correlator.machine;

import io.callstream.correlator.ami.Uniqueid;
import io.callstream.correlator.dialplan.PartyKind;
import io.callstream.correlator.machine.draft.BridgeDraft;
import io.callstream.correlator.machine.draft.CallDraft;
import io.callstream.correlator.machine.draft.ChannelDraft;
import io.callstream.schemas.Direction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The call graph: channels joined into call groups (merging when they share a bridge, a Local
 * pair, a dial, a transfer or a Linkedid), and walks from one channel to the parties it is
 * connected to through bridges and Local pairs.
 */
public final class ChannelGraph {

  private ChannelGraph() {
  }

  /**
   * Joins the groups of two channels; returns the surviving call (null if a channel is unknown).
   * Two calls that each face the outside world are never merged (an agent connecting a caller with
   * someone he called keeps two CRM calls); then the first channel's call is returned.
   */
  public static CallDraft join(Step step, String uniqueidA, String uniqueidB) {
    CallDraft a = step.callOf(uniqueidA);
    CallDraft b = step.callOf(uniqueidB);
    if (a == null || b == null) {
      return a != null ? a : b;
    }
    if (a == b || (rank(a) == 2 && rank(b) == 2)) {
      return a;
    }
    CallDraft survivor = rank(a) > rank(b) || (rank(a) == rank(b) && olderKey(a, b)) ? a : b;
    absorb(step, survivor, survivor == a ? b : a);
    return survivor;
  }

  /**
   * A call facing the outside world outranks an internal one, which outranks a pending group: an
   * attended transfer of a caller to a colleague keeps the caller's call and folds the
   * consultation into it.
   */
  private static int rank(CallDraft call) {
    if (call.pending()) {
      return 0;
    }
    return call.direction == Direction.INBOUND || call.direction == Direction.OUTBOUND ? 2 : 1;
  }

  private static boolean olderKey(CallDraft a, CallDraft b) {
    return Uniqueid.older(a.key, b.key);
  }

  private static void absorb(Step step, CallDraft survivor, CallDraft absorbed) {
    for (ChannelDraft c : step.channelsOf(absorbed)) {
      step.state().setGroup(c, survivor.key);
    }
    for (String extension : absorbed.rang) {
      if (!survivor.rang.contains(extension)) {
        survivor.rang.add(extension);
        survivor.rangOrder.add(survivor.dialCounter++);
      }
    }
    absorbed.dials.forEach(survivor.dials::putIfAbsent);
    absorbed.linkedids.stream().filter(l -> !survivor.linkedids.contains(l))
        .forEach(survivor.linkedids::add);
    survivor.transfers.addAll(absorbed.transfers);
    survivor.transfers.sort(Comparator.comparingLong(t -> t.at));
    if (survivor.queue == null) {
      survivor.queue = absorbed.queue;
    }
    if (survivor.crmCallId == null) {
      survivor.crmCallId = absorbed.crmCallId;
    }
    survivor.abandoned |= absorbed.abandoned;
    survivor.lastActivity = Math.max(survivor.lastActivity, absorbed.lastActivity);
    if (absorbed.suspectSince == null) {
      survivor.suspectSince = null;
    }
    if (absorbed.started) {
      CallCloser.endMerged(step, absorbed, survivor.callId);
    }
    step.state().calls.remove(absorbed.key);
  }

  /** A party reached from a channel: its Uniqueid, what it is, and its extension if any. */
  public record Party(String uniqueid, PartyKind kind, String extension) {
  }

  /**
   * Every extension or trunk reachable from {@code start} through bridges that connect parties
   * and through Local pairs, nearest first, excluding {@code start} and {@code excluded}.
   */
  public static List<Party> reachable(Step step, String start, Set<String> excluded) {
    List<Party> found = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>(excluded);
    seen.add(start);
    Deque<String> queue = new ArrayDeque<>();
    queue.add(start);
    while (!queue.isEmpty()) {
      ChannelDraft c = step.channel(queue.poll());
      if (c == null) {
        continue;
      }
      for (String uid : neighbours(step, c)) {
        if (!seen.add(uid)) {
          continue;
        }
        ChannelDraft other = step.channel(uid);
        if (other == null) {
          continue;
        }
        if (other.kind == PartyKind.EXTENSION || other.kind == PartyKind.TRUNK) {
          found.add(new Party(uid, other.kind, other.extension));
        } else {
          queue.add(uid);
        }
      }
    }
    return found;
  }

  /** The channels one hop away: the Local other half and the members of connecting bridges. */
  private static List<String> neighbours(Step step, ChannelDraft c) {
    List<String> next = new ArrayList<>();
    if (c.localPeer != null) {
      next.add(c.localPeer);
    }
    for (String bridgeId : c.bridges) {
      BridgeDraft bridge = step.state().bridges.get(bridgeId);
      if (bridge != null && bridge.connectsParties()) {
        next.addAll(bridge.members);
      }
    }
    return next;
  }

  /** The channels on the path from {@code start} (inclusive) to the parties it reaches. */
  public static List<String> reachableChannels(Step step, String start) {
    List<String> out = new ArrayList<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(start);
    Set<String> seen = new LinkedHashSet<>(List.of(start));
    while (!queue.isEmpty()) {
      String uid = queue.poll();
      out.add(uid);
      ChannelDraft c = step.channel(uid);
      if (c == null) {
        continue;
      }
      neighbours(step, c).stream().filter(seen::add).forEach(queue::add);
    }
    return out;
  }
}
