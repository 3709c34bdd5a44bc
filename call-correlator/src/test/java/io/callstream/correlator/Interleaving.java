package io.callstream.correlator;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.AmiHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Rewrites a capture's ids so several can share one PBX, and merges them in random order. */
public final class Interleaving {

  private Interleaving() {
  }

  /**
   * The capture's frames with every Uniqueid/Linkedid/bridge id prefixed by {@code tag-} (as a
   * {@code systemname} would) and channel instance suffixes tagged, so nothing clashes.
   */
  public static List<AmiEvent> rewrite(List<AmiEvent> events, String tag) {
    List<AmiEvent> out = new ArrayList<>();
    for (AmiEvent e : events) {
      List<AmiHeader> headers = new ArrayList<>();
      for (AmiHeader h : e.getHeaders()) {
        headers.add(new AmiHeader(h.getName(), rewrite(h.getName(), h.getValue(), tag)));
      }
      out.add(AmiEvent.newBuilder(e).setHeaders(headers).setRawFrame(null).build());
    }
    return out;
  }

  private static String rewrite(String name, String value, String tag) {
    String n = name.toLowerCase(Locale.ROOT);
    if ((n.endsWith("uniqueid") || n.endsWith("linkedid")) && !value.isBlank()
        && !value.equals("none")) {
      return tag + "-" + value;
    }
    if ((n.endsWith("channel") || n.equals("newname")) && value.contains("/")
        && value.lastIndexOf('-') > value.indexOf('/')) {
      int dash = value.lastIndexOf('-');
      return value.substring(0, dash + 1) + tag + "x" + value.substring(dash + 1);
    }
    return value;
  }

  /** The frames (no markers) of several sessions merged in a random order that keeps each one's. */
  public static List<AmiEvent> merge(List<List<AmiEvent>> sessions, Random random) {
    List<List<AmiEvent>> queues = new ArrayList<>();
    for (List<AmiEvent> s : sessions) {
      queues.add(new ArrayList<>(s.stream().filter(e -> e.getKind() == AmiFrameKind.EVENT)
          .toList()));
    }
    List<AmiEvent> out = new ArrayList<>();
    int[] next = new int[queues.size()];
    int remaining = queues.stream().mapToInt(List::size).sum();
    while (remaining > 0) {
      int pick = random.nextInt(remaining);
      for (int q = 0; q < queues.size(); q++) {
        int left = queues.get(q).size() - next[q];
        if (pick < left) {
          out.add(queues.get(q).get(next[q]++));
          break;
        }
        pick -= left;
      }
      remaining--;
    }
    return out;
  }
}
