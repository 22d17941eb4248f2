package io.tritonlogs.collector.files;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Remembers the files truncated in place (copytruncate) by their head before the truncation and
 * how far they had been read, so the copy that the rotation made ({@code 0.log.20261124-000000},
 * {@code x-json.log.1}, {@code app.log.1}: whatever it is named) continues from there instead of
 * being read again from its start. Bounded and forgetful: a copy shows up within a discovery pass
 * or two of its truncation, so an hour is plenty. Used by the file source's thread only.
 */
final class RotatedCopies {

    private static final int MAX_REMEMBERED = 1024;
    private static final long KEEP_NANOS = 3_600_000_000_000L;

    /** A head is looked for next to its original only: two containers may print the same first line. */
    private record Head(Path directory, int checksum) {
    }

    private record Read(long offset, long atNanos) {
    }

    private final Map<Head, Read> byHead = new LinkedHashMap<>();

    /** {@code file}, whose full head had this checksum, was truncated after {@code offset} bytes were read. */
    void truncated(Path file, int fullHeadChecksum, long offset) {
        if (fullHeadChecksum == 0) {
            return;
        }
        Head head = new Head(file.toAbsolutePath().getParent(), fullHeadChecksum);
        byHead.remove(head);
        byHead.put(head, new Read(offset, System.nanoTime()));
        if (byHead.size() > MAX_REMEMBERED) {
            Iterator<Head> oldest = byHead.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Where {@code copy}, whose full head has this checksum, continues if it copies a file of its directory truncated lately. */
    OptionalLong continueAt(Path copy, int fullHeadChecksum) {
        byHead.values().removeIf(r -> System.nanoTime() - r.atNanos() > KEEP_NANOS);
        Read read = byHead.get(new Head(copy.toAbsolutePath().getParent(), fullHeadChecksum));
        return read == null || fullHeadChecksum == 0 ? OptionalLong.empty() : OptionalLong.of(read.offset());
    }
}
