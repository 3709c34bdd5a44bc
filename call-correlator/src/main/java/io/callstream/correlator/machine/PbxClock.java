package io.callstream.correlator.machine;

import io.callstream.correlator.ami.AmiMessage;
import io.callstream.correlator.machine.draft.PbxDraft;

/**
 * One time base per PBX: its own clock. A record that carries a PBX {@code Timestamp} also says
 * how far the producer's receive clock is from the PBX's (the offset, receive minus PBX, taken
 * from the latest such record). Times that exist only on the receive clock (connection markers,
 * resync list items, frames of a PBX with {@code timestampevents=no}, Kafka record and stream
 * time) are put on the PBX's clock with it, so a PBX whose clock is hours off is compared only
 * with itself.
 *
 * <p>Until a PBX has sent a Timestamp its receive clock stands in for its clock; that is all
 * there is for a PBX that never sends one. When the first offset arrives, whatever was timed on
 * the receive clock until then (typically the first CONNECTED marker and the resync snapshot) is
 * moved onto the PBX's clock.
 */
public final class PbxClock {

  private PbxClock() {
  }

  /**
   * The time of a record on its PBX's clock: its Timestamp (the offset is learnt from it), else
   * its receive time translated with the latest offset.
   */
  static long observe(PbxDraft pbx, AmiMessage message) {
    Long pbxTime = message.pbxTimeMillis();
    if (pbxTime == null) {
      return fromReceiveClock(pbx, message.receivedMillis());
    }
    long offset = message.receivedMillis() - pbxTime;
    if (pbx.clockOffset == null) {
      firstOffset(pbx, offset);
    }
    pbx.clockOffset = offset;
    return pbxTime;
  }

  /** A receive-clock time (receive time, Kafka stream time) on the PBX's clock. */
  public static long fromReceiveClock(PbxDraft pbx, long receiveMillis) {
    return pbx.clockOffset == null ? receiveMillis : receiveMillis - pbx.clockOffset;
  }

  private static void firstOffset(PbxDraft pbx, long offset) {
    // Stream time so far came from receive times, or in state written before offsets were kept
    // from PBX times too (and from a marker's receive time that ran ahead of a PBX clock that is
    // behind: the old bug). Pulled back onto the PBX's clock, never pushed ahead: this event's
    // own time follows right after.
    pbx.streamTime = Math.min(pbx.streamTime, pbx.streamTime - offset);
    pbx.nextSweepAt = Math.min(pbx.nextSweepAt, pbx.nextSweepAt - offset);
    if (pbx.receiveClock) {
      pbx.shiftEntryTimes(-offset);
    }
    pbx.receiveClock = false;
  }
}
