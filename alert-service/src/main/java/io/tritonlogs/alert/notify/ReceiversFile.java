package io.tritonlogs.alert.notify;

import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The receivers in force, from the receivers file when one is configured (none otherwise): re-read
 * when its content changed; a file that cannot be read or parsed keeps the previous receivers.
 * Thread-safe.
 */
public final class ReceiversFile {

    private final Optional<Path> file;
    private final ReceiversFileParser parser;
    private volatile ReceiversConfig current = ReceiversConfig.none();
    private volatile String text;
    private volatile String error;

    public ReceiversFile(Optional<Path> file, ReceiversFileParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** Re-reads the file when it changed; true when new receivers were taken. */
    public synchronized boolean reload() {
        if (file.isEmpty()) {
            return false;
        }
        try {
            String read = Files.readString(file.get());
            if (read.equals(text) && error == null) {
                return false;
            }
            current = parser.parse(file.get().toString(), read);
            text = read;
            error = null;
            return true;
        } catch (IOException | RuntimeException e) {
            error = "receivers file refused, the previous receivers stay in force: " + e.getMessage();
            Log.warn(error);
            return false;
        }
    }

    public ReceiversConfig current() {
        return current;
    }

    /** Why the last reading was refused; null when it was not. */
    public String error() {
        return error;
    }
}
