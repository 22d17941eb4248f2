package io.tritonlogs.collector.runtime;

import io.quarkus.runtime.StartupEvent;
import io.tritonlogs.collector.config.CollectorConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fails start-up with a sentence naming the setting, like OpenTelemetry's processor builders,
 * before any part of the collector is built (this observer runs before {@link CollectorLifecycle}'s,
 * whose parts are made when it is first called).
 */
@Singleton
class StartupChecks {

    private final CollectorConfig config;

    StartupChecks(CollectorConfig config) {
        this.config = config;
    }

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        CollectorConfig.Shipping s = config.shipping();
        require(s.batchMaxBytes() >= 1024, "collector.shipping.batch-max-bytes must be at least 1024");
        require(s.bufferMaxBytes() >= 2L * s.batchMaxBytes(), "collector.shipping.buffer-max-bytes must be at least twice batch-max-bytes");
        require(config.pipeline().maxLineBytes() >= 1024, "collector.pipeline.max-line-bytes must be at least 1024");
        require(config.pipeline().maxModelsPerContainer() >= 0, "collector.pipeline.max-models-per-container must not be negative");
        require(!s.batchMaxWait().isNegative() && !s.batchMaxWait().isZero(), "collector.shipping.batch-max-wait must be positive");
        requireWritable(config.dataDir());
        CollectorWiring.extraRedactionRules(config.redaction());
    }

    /** Positions that cannot be saved would re-send everything after a restart: refuse to start instead. */
    private static void requireWritable(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("collector.data-dir (COLLECTOR_DATA_DIR) " + dataDir + " cannot be created (" + e
                    + "); set COLLECTOR_DATA_DIR to a directory the collector can write (the images use /work/data)");
        }
        require(Files.isWritable(dataDir), "collector.data-dir (COLLECTOR_DATA_DIR) " + dataDir
                + " is not writable by this user; set COLLECTOR_DATA_DIR to a directory the collector can write (the images use /work/data)");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
