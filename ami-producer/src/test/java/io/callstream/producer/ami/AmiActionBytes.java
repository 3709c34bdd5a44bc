package io.callstream.producer.ami;

/** Test access to an action's wire bytes. */
public final class AmiActionBytes {

  private AmiActionBytes() {
  }

  public static byte[] of(AmiAction action, String actionId) {
    return action.toBytes(actionId);
  }
}
