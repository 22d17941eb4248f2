package io.tritonlogs.common.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicFilesTest {

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("nested/state.json");
        AtomicFiles.write(target, "old".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "new content".getBytes(StandardCharsets.UTF_8));
        assertThat(target).hasContent("new content");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aStaleTemporaryFileFromACrashIsOverwritten(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("state.json");
        Files.writeString(dir.resolve("state.json.tmp"), "half written by a process that died, and longer than the new content");
        AtomicFiles.write(target, "whole".getBytes(StandardCharsets.UTF_8));
        assertThat(target).hasContent("whole");
        assertThat(dir.resolve("state.json.tmp")).doesNotExist();
    }
}
