package io.tritonlogs.common.triton;

import java.time.Duration;

/**
 * Bounds on one joined entry, so a record is never held or grown forever.
 *
 * @param maxLines     most physical lines in one entry (a longer entry is shipped in pieces)
 * @param maxBytes     most UTF-8 bytes in one entry, counting the joining newlines
 * @param flushTimeout how long an entry may wait for another continuation line
 */
public record JoinLimits(int maxLines, int maxBytes, Duration flushTimeout) {

    /** 500 lines, 256 KiB, 1 s: a model status table of hundreds of models still fits. */
    public static final JoinLimits DEFAULT = new JoinLimits(500, 256 * 1024, Duration.ofSeconds(1));

    public JoinLimits {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be at least 1, was " + maxLines);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        if (flushTimeout == null || flushTimeout.isNegative()) {
            throw new IllegalArgumentException("flushTimeout must be zero or positive");
        }
    }
}
