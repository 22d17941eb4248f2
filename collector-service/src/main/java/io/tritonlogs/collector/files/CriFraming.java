package io.tritonlogs.collector.files;

import io.tritonlogs.common.time.Timestamps;

/** {@code <RFC3339Nano> <stdout|stderr> <P|F> <text>}: containerd/CRI-O under /var/log/pods; {@code P} marks a piece. */
final class CriFraming implements LineFraming {

    private static final String STDOUT = "stdout ";
    private static final String STDERR = "stderr ";

    private final long[] parsed = new long[1];

    @Override
    public void frame(byte[] b, int from, int to, long endOffset, Frames out) {
        int afterTime = Timestamps.parseRfc3339(b, from, to, parsed);
        if (afterTime < 0 || afterTime >= to || b[afterTime] != ' ') {
            out.malformed(System.currentTimeMillis() * 1_000_000L, b, from, to, endOffset);
            return;
        }
        int streamStart = afterTime + 1;
        boolean stderr = startsWith(b, streamStart, to, STDERR);
        if (!stderr && !startsWith(b, streamStart, to, STDOUT)) {
            out.malformed(parsed[0], b, from, to, endOffset);
            return;
        }
        int tag = streamStart + STDOUT.length();
        boolean piece = tag < to && b[tag] == 'P';
        // Tags may carry more fields after P/F (e.g. "F:x"); the text starts after the next space.
        while (tag < to && b[tag] != ' ') {
            tag++;
        }
        int textStart = Math.min(to, tag + 1);
        if (piece) {
            out.piece(stderr, parsed[0], b, textStart, to, endOffset - (to - from) - 1);
        } else {
            out.line(stderr, parsed[0], b, textStart, to, endOffset);
        }
    }

    private static boolean startsWith(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
