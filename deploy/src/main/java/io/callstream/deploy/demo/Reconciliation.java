package io.callstream.deploy.demo;

import io.callstream.sink.emulator.Ledger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the emulator's ledger against the calls the correlator ended: every external call
 * registered once, finished once with the status its outcome calls for, and no card left open.
 * Calls the correlator ended with an UNKNOWN outcome are listed apart ({@code unknown}, with the
 * correlator's reason): every replayed scenario has a known outcome, so in the demo each one is a
 * fault, while a test that cuts the AMI connection expects some.
 */
public record Reconciliation(int externalCalls, int correct, List<String> missing,
    List<String> duplicated, List<String> wrong, List<String> unknown) {

  private static final Map<String, String> STATUS = Map.of(
      "ANSWERED", "200", "NO_ANSWER", "304", "ABANDONED", "304", "BUSY", "486");

  public static Reconciliation of(List<EndedCall> ended, Ledger ledger) {
    Map<String, List<Ledger.Call>> byExternalId = new HashMap<>();
    for (Ledger.Call call : ledger.calls()) {
      byExternalId.computeIfAbsent(call.externalCallId(), k -> new ArrayList<>()).add(call);
    }
    int external = 0;
    int correct = 0;
    List<String> missing = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (EndedCall call : ended) {
      if (!call.external()) {
        continue;
      }
      external++;
      if ("UNKNOWN".equals(call.disposition())) {
        unknown.add(call.callId() + ": " + call.reason());
      }
      List<Ledger.Call> stored = byExternalId.getOrDefault(call.callId(), List.of());
      if (stored.isEmpty()) {
        missing.add(call.callId());
      } else if (stored.size() > 1) {
        duplicated.add(call.callId());
      } else {
        String problem = problem(call, stored.get(0));
        if (problem == null) {
          correct++;
        } else {
          wrong.add(call.callId() + ": " + problem);
        }
      }
    }
    return new Reconciliation(external, correct, missing, duplicated, wrong, unknown);
  }

  private static String problem(EndedCall call, Ledger.Call stored) {
    if (!stored.finished()) {
      return "not finished";
    }
    if (stored.registerRequests() != 1) {
      return "registered " + stored.registerRequests() + " times";
    }
    if (!stored.openCards().isEmpty()) {
      return "cards still open for users " + stored.openCards();
    }
    String expected = STATUS.get(call.disposition());
    if (expected != null && !expected.equals(stored.statusCode())) {
      return "status " + stored.statusCode() + " for a " + call.disposition() + " call, expected " + expected;
    }
    return null;
  }

  /** Every external call is in Bitrix24 as it should be (whatever its outcome). */
  public boolean allCorrect() {
    return correct == externalCalls;
  }

  public String line() {
    return String.format("Bitrix24 check: %d of %d external calls registered once, finished once "
        + "with the right status, no card left open; missing %d, duplicated %d, wrong %d; "
        + "unknown outcome %d%s%s%s%s",
        correct, externalCalls, missing.size(), duplicated.size(), wrong.size(), unknown.size(),
        sample(" missing ", missing), sample(" duplicated ", duplicated), sample(" wrong ", wrong),
        sample(" unknown ", unknown));
  }

  /** The first few call ids of a problem list, so the console log can be searched for them. */
  private static String sample(String label, List<String> calls) {
    return calls.isEmpty() ? "" : label + calls.subList(0, Math.min(3, calls.size()));
  }
}
