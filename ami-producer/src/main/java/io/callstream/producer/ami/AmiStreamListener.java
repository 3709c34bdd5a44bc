package io.callstream.producer.ami;

import io.callstream.schemas.ami.AmiFrame;
import io.callstream.schemas.ami.InvalidFrame;

/** Receives everything a session reads, on its reader thread, in order. Must not block. */
public interface AmiStreamListener {

  void onFrame(AmiFrame frame);

  void onInvalid(InvalidFrame invalid);

  /** The reader stopped: the peer closed, the socket failed, or the session was closed. */
  void onClosed(String reason);
}
