package io.callstream.schemas.ami;

import io.callstream.schemas.AmiFrameKind;
import io.callstream.schemas.AmiHeader;
import java.util.List;

/**
 * One frame as read from an AMI byte stream, before it is given its place (PBX, connection,
 * sequence) as an {@code AmiEvent}.
 *
 * @param kind BANNER, RESPONSE, EVENT or UNKNOWN (a frame whose first header is neither)
 * @param eventName the Event header value, or null
 * @param headers every header in order, duplicates and spelling kept
 * @param pbxTimeMicros the Timestamp header in epoch microseconds, or null
 * @param rawFrame the exact bytes when the canonical rebuild would differ, else null
 * @param banner the banner line (BANNER only), else null
 */
public record AmiFrame(AmiFrameKind kind, String eventName, List<AmiHeader> headers,
    Long pbxTimeMicros, byte[] rawFrame, String banner) {
}
