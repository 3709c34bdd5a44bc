package io.callstream.producer.simulator;

import io.callstream.schemas.AmiHeader;
import java.util.List;

/**
 * One event of a capture as the simulator replays it.
 *
 * @param pbxMicros the frame's Timestamp (or the previous one's) in epoch microseconds
 * @param bytes the exact bytes to send (the captured ones on the first pass)
 * @param template how to rewrite it for later passes (see {@link LoopRewriter})
 */
record ScriptFrame(long pbxMicros, List<AmiHeader> headers, byte[] bytes,
    List<LoopRewriter.HeaderTemplate> template) {
}
