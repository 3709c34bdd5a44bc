package io.callstream.correlator.ami;

import io.callstream.schemas.AmiEvent;
import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.ami.AmiEvents;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which raw records the call model reads. Dialplan noise ({@code Newexten} and almost all
 * {@code VarSet}, 85-90 % of FreePBX traffic) and device/queue-member status floods are dropped
 * before any state store; the few variables the model reads are kept.
 */
public final class NoiseFilter {

  /** Events the state machine has a handler for (compared case-insensitively). */
  static final Set<String> EVENTS = Set.of(
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
    if (name == null || !EVENTS.contains(name.toLowerCase(Locale.ROOT))) {
      return false;
    }
    if (name.equalsIgnoreCase("varset")) {
      String variable = AmiEvents.header(event, "Variable");
      return variable != null && VARIABLES.contains(bareName(variable));
    }
    return true;
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
