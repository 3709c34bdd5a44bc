package io.callstream.correlator.ami;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.ami.AmiEvents;
import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which raw records the call model reads. Dialplan noise ({@code Newexten} and almost all
 * {@code VarSet}, 85-90 % of FreePBX traffic) and device/queue-member status floods are dropped
 * before any state store; the few variables the model reads are kept.
 */
public final class NoiseFilter {

  /**
   * Events the state machine has a handler for. Case-insensitive without lower-casing each
   * event name: this runs for every raw record, noise included.
   */
  static final Set<String> EVENTS = caseInsensitive(
      "newchannel", "newstate", "rename", "dialbegin", "dialend",
      "bridgecreate", "bridgeenter", "bridgeleave", "bridgedestroy", "localbridge", "hangup",
      "hold", "unhold", "blindtransfer", "attendedtransfer", "pickup", "parkedcall",
      "unparkedcall", "parkedcallgiveup", "parkedcalltimeout", "queuecallerjoin",
      "queuecallerabandon", "agentringnoanswer", "coreshowchannel", "varset");

  /**
   * The channel variable that carries Bitrix24's CALL_ID into a call started from the CRM; the
   * producer sets it (inherited, {@code __CALLSTREAM_CRM_CALL_ID}) on its click-to-call Originate.
   */
  public static final String CRM_CALL_ID = "CALLSTREAM_CRM_CALL_ID";

  /** Variables the model reads (without the {@code _}/{@code __} inheritance prefix). */
  public static final Set<String> VARIABLES = Set.of(
      "FROM_DID", "MIXMONITOR_FILENAME", "NODEST", "DIAL_NUMBER", "AMPUSER", CRM_CALL_ID);

  private NoiseFilter() {
  }

  /** True for producer markers and for the events and variables the call model needs. */
  public static boolean isRelevant(AmiEvent event) {
    if (event.getKind() != AmiFrameKind.EVENT) {
      return event.getKind() != AmiFrameKind.RESPONSE && event.getKind() != AmiFrameKind.BANNER
          && event.getKind() != AmiFrameKind.UNKNOWN;
    }
    String name = event.getEventName();
    if (name == null || !EVENTS.contains(name)) {
      return false;
    }
    if (name.equalsIgnoreCase("varset")) {
      String variable = AmiEvents.header(event, "Variable");
      return variable != null && isReadVariable(variable);
    }
    return true;
  }

  /** {@code VARIABLES.contains(bareName(variable))} without building the bare name. */
  static boolean isReadVariable(String variable) {
    int start = 0;
    while (start < variable.length() && variable.charAt(start) == '_') {
      start++;
    }
    // The same characters String.trim() removes.
    while (start < variable.length() && variable.charAt(start) <= ' ') {
      start++;
    }
    int end = variable.length();
    while (end > start && variable.charAt(end - 1) <= ' ') {
      end--;
    }
    for (String known : VARIABLES) {
      if (known.length() == end - start && variable.startsWith(known, start)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> caseInsensitive(String... names) {
    Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    set.addAll(Arrays.asList(names));
    return Collections.unmodifiableSet(set);
  }

  /** A variable name without its inheritance prefix ({@code __FROM_DID} → {@code FROM_DID}). */
  public static String bareName(String variable) {
    int i = 0;
    while (i < variable.length() && variable.charAt(i) == '_') {
      i++;
    }
    return variable.substring(i).trim();
  }
}
