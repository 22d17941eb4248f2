package io.tritonlogs.collector.files;

import io.tritonlogs.collector.positions.PositionStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * A log file as one look saw it: its identity ({@code file:<device>:<inode>}, kept across renames),
 * where it was, its format, and whether it had its current name or a rotated one.
 */
record FoundFile(String id, Path path, LogFileFormat format, boolean current, long modifiedMillis, long size) {

    /** The regular file at {@code file} now; empty when there is none (gone, a link, a directory) or it cannot be looked at. */
    static Optional<FoundFile> look(Path file, LogFileFormat format, boolean current) {
        try {
            Map<String, Object> attributes = Files.readAttributes(file, "unix:dev,ino,lastModifiedTime,size,isRegularFile",
                    LinkOption.NOFOLLOW_LINKS);
            if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
                return Optional.empty();
            }
            String id = PositionStore.FILE_TARGET_PREFIX + attributes.get("dev") + ":" + attributes.get("ino");
            long modified = ((FileTime) attributes.get("lastModifiedTime")).toMillis();
            return Optional.of(new FoundFile(id, file, format, current, modified, (Long) attributes.get("size")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
