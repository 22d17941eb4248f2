package io.tritonlogs.collector.files;

import io.quarkus.logging.Log;
import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.collector.positions.PositionStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a found file that is not read yet is read from, if at all: from its position when it still
 * starts as it did then; from its start when it is new, or was truncated and written again while
 * we were away (or got a reused inode); from where its original was read up to when it is a copy
 * (copytruncate). Besides the position store it remembers the heads already matched, where files
 * without a position of their own were let go, and the files truncated in place. Used by the file
 * source's thread only.
 */
final class StartPositions {

    private static final Cursor FILE_START = Cursor.atOffset(0, 0);
    /**
     * File systems stamp modification times from a coarse kernel clock (a few milliseconds behind
     * the wall clock): a file rotated just as the collector was installed must not look older.
     */
    private static final Duration FILE_CLOCK_SLACK = Duration.ofSeconds(2);

    private final PositionStore positions;
    private final FileDefects defects;
    /** Files read to their end whose head matched their position, as (size, mtime) then: unchanged, not opened again. */
    private final Map<String, SizeAndTime> headMatched = new HashMap<>();
    private final RotatedCopies copies = new RotatedCopies();
    /**
     * Where files were let go that had nothing acknowledged of their own (a copy that held nothing
     * new): without this, discovery would take them for new files again at every pass.
     */
    private final Map<String, Cursor> released = new HashMap<>();

    private record SizeAndTime(long size, long modifiedMillis) {
    }

    StartPositions(PositionStore positions, FileDefects defects) {
        this.positions = positions;
        this.defects = defects;
    }

    /** Where to start reading {@code found}, or empty to leave it for now; {@code followed}: the files being read, by identity. */
    Optional<Cursor> of(FoundFile found, Map<String, FileTailer> followed) {
        Optional<Cursor> position = positions.get(found.id()).or(() -> Optional.ofNullable(released.get(found.id())));
        if (position.isPresent() && !startsAsBefore(found, position.get())) {
            if (!found.current()) {
                // A rotated name on an inode we read before but with other first bytes: most
                // likely a copy (copytruncate) that got a released copy's inode back.
                return ofRotated(found, true, followed);
            }
            Log.warnf("%s has the device and inode of a file read before but not its first bytes (a reused inode, or"
                    + " truncated and written again while we were away): reading it from its start", found.path());
            defects.truncatedFile(found.path());
            if (position.get().byteOffset() >= FileHead.BYTES) {
                copies.truncated(found.path(), position.get().headChecksum(), position.get().byteOffset());
            }
            return Optional.of(FILE_START);
        }
        if (position.isPresent()) {
            return found.size() > position.get().byteOffset() || found.current() ? position : Optional.empty();
        }
        if (found.current()) {
            return Optional.of(FILE_START);
        }
        if (found.modifiedMillis() * 1_000_000L >= positions.createdAtNanos() - FILE_CLOCK_SLACK.toNanos()) {
            // A rotated file we never saw was rotated while we ran (or were down): read it, unless
            // it is a copy of a file we read. Rotated files older than this collector's
            // installation are history, not ours to ship.
            return ofRotated(found, false, followed);
        }
        return Optional.empty();
    }

    /** {@code file} was truncated in place: a copy of it found later continues where it was read up to. */
    void truncated(Path file, FileTailer.Truncation truncation) {
        copies.truncated(file, truncation.fullHeadChecksum(), truncation.offset());
    }

    /** {@code tailer}'s file is let go; its position stays while the file exists, so the next pass knows it was read. */
    void letGo(FileTailer tailer) {
        if (positions.get(tailer.id()).isEmpty()) {
            released.put(tailer.id(), Cursor.atOffset(tailer.readOffset(), tailer.fullHeadChecksum()));
        }
    }

    /** Forgets the files gone from disk: neither {@code seen} by the last discovery pass nor still {@code followed}. */
    void forgetGone(Set<String> seen, Predicate<String> followed) {
        for (String id : positions.snapshot().keySet()) {
            if (id.startsWith(PositionStore.FILE_TARGET_PREFIX) && !seen.contains(id) && !followed.test(id)) {
                positions.remove(id);
            }
        }
        headMatched.keySet().retainAll(seen);
        released.keySet().retainAll(seen);
    }

    /**
     * A rotated file we have no position for: a rename's successor we missed, or a copy (copytruncate,
     * under any name) of a file we are reading or have read. A copy is known by its first bytes: it
     * continues where its original was read up to, so no line is shipped twice. While the original
     * is still read and not yet truncated, the copy waits; once the original was read past the
     * copy's end, the copy holds nothing new. A gzip file is never read as text.
     */
    private Optional<Cursor> ofRotated(FoundFile found, boolean inodeReadBefore, Map<String, FileTailer> followed) {
        int head;
        try {
            if (FileHead.isCompressed(found.path())) {
                return Optional.empty();
            }
            head = FileHead.fullChecksum(found.path());
        } catch (IOException e) {
            return Optional.empty(); // gone or unreadable now; the next pass looks again
        }
        if (head != 0) {
            Path directory = found.path().getParent();
            for (FileTailer original : followed.values()) {
                if (original.fullHeadChecksum() == head && directory.equals(original.path().getParent())) {
                    if (original.readOffset() >= found.size()) {
                        positions.advance(found.id(), found.path().toString(), Cursor.atOffset(found.size(), head));
                        Log.infof("%s is a copy of %s, which was read past its end: nothing in it to ship", found.path(), original.path());
                    }
                    return Optional.empty();
                }
            }
            OptionalLong at = copies.continueAt(found.path(), head);
            if (at.isEmpty()) {
                at = positionWithHead(found, head, followed);
            }
            if (at.isPresent()) {
                long start = Math.min(at.getAsLong(), found.size());
                Log.infof("%s is a copy of a file truncated after %d bytes were read: continuing it from there", found.path(), start);
                return Optional.of(Cursor.atOffset(start, head));
            }
        }
        if (inodeReadBefore) {
            Log.warnf("%s has the device and inode of a file read before but not its first bytes, and copies no file we read:"
                    + " reading it from its start", found.path());
            defects.truncatedFile(found.path());
        }
        return Optional.of(FILE_START);
    }

    /**
     * The offset of a saved position, of a file in the copy's directory not followed now (read
     * before a restart), whose full head has this checksum.
     */
    private OptionalLong positionWithHead(FoundFile copy, int head, Map<String, FileTailer> followed) {
        Path directory = copy.path().getParent();
        for (Map.Entry<String, Cursor> p : positions.snapshot().entrySet()) {
            String id = p.getKey();
            Cursor cursor = p.getValue();
            if (!id.equals(copy.id()) && id.startsWith(PositionStore.FILE_TARGET_PREFIX) && !followed.containsKey(id)
                    && cursor.byteOffset() >= FileHead.BYTES && cursor.headChecksum() == head
                    && positions.name(id).map(name -> directory.equals(Path.of(name).getParent())).orElse(false)) {
                return OptionalLong.of(cursor.byteOffset());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Rotated files read to their end keep their positions and are seen again every pass; their
     * heads are read again only when their size or modification time changed.
     */
    private boolean startsAsBefore(FoundFile found, Cursor position) {
        SizeAndTime now = new SizeAndTime(found.size(), found.modifiedMillis());
        if (now.equals(headMatched.get(found.id()))) {
            return true;
        }
        try {
            boolean matches = FileHead.matches(found.path(), position.byteOffset(), position.headChecksum());
            if (matches) {
                headMatched.put(found.id(), now);
            }
            return matches;
        } catch (IOException e) {
            return true; // unreadable now: following it reports why
        }
    }
}
