package io.callstream.schemas.ami;

import io.callstream.schemas.InvalidFrameReason;

/**
 * Bytes that did not parse as an AMI frame.
 *
 * @param bytes the rejected bytes (for OVERSIZED, the first bytes up to the limit)
 * @param originalLength the rejected frame's full length
 */
public record InvalidFrame(InvalidFrameReason reason, String detail, byte[] bytes,
    long originalLength) {
}
