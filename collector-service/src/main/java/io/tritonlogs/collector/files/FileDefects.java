package io.tritonlogs.collector.files;

import java.nio.file.Path;

/** What the file source counts: repairs and surprises, never silent. */
public interface FileDefects {
    void malformedLine(Path file);

    void invalidUtf8(Path file);

    void longLineCut(long droppedBytes);

    void truncatedFile(Path file);
}
