package io.tritonlogs.collector.docker;

import io.quarkus.logging.Log;
import io.tritonlogs.collector.pipeline.TargetPipeline;
import io.tritonlogs.collector.positions.Cursor;
import io.tritonlogs.collector.source.FlowControl;
import io.tritonlogs.common.retry.Backoff;
import io.tritonlogs.common.time.Timestamps;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows one container's log stream and feeds its pipeline. When the stream ends (the container
 * stopped, Docker restarted) it asks Docker what happened and resumes from the last line it read,
 * so a restart of the container or of dockerd loses nothing and repeats nothing. Reading pauses
 * while the send buffer is full ({@link FlowControl}). Runs on one Vert.x context; not thread-safe.
 */
final class ContainerFollower {

    private final DockerApi api;
    private final Vertx vertx;
    private final Context context;
    private final TargetPipeline pipeline;
    private final FlowControl flowControl;
    private final DockerSourceMetrics metrics;
    private final int maxLineBytes;
    private final Backoff retryBackoff;
    private final Consumer<ContainerFollower> onRemoved;
    private final long idleFlushTimer;

    private ContainerInfo info;
    private FollowerState state = FollowerState.STOPPED;
    private RawHttpStream response;
    private String lastError;
    private int failures;
    private boolean paused;

    ContainerFollower(DockerApi api, Vertx vertx, Context context, ContainerInfo info, TargetPipeline pipeline, FlowControl flowControl,
                      DockerSourceMetrics metrics, int maxLineBytes, Duration joinTimeout, Backoff retryBackoff,
                      Consumer<ContainerFollower> onRemoved) {
        this.api = api;
        this.vertx = vertx;
        this.context = context;
        this.info = info;
        this.pipeline = pipeline;
        this.flowControl = flowControl;
        this.metrics = metrics;
        this.maxLineBytes = maxLineBytes;
        this.retryBackoff = retryBackoff;
        this.onRemoved = onRemoved;
        long period = Math.max(50, Math.min(1000, joinTimeout.toMillis() / 2));
        // While reading is paused for backpressure the stream is not idle, only unread: a table
        // whose rows wait behind the pause must not be cut off from its record.
        this.idleFlushTimer = vertx.setPeriodic(period, id -> context.runOnContext(v -> {
            if (!paused) {
                pipeline.flushIfIdle();
            }
        }));
    }

    /** Starts reading unless already reading. */
    void follow() {
        if (state == FollowerState.FOLLOWING || state == FollowerState.CONNECTING || state == FollowerState.REMOVED) {
            return;
        }
        state = FollowerState.CONNECTING;
        Cursor from = pipeline.readCursor();
        pipeline.restartRead();
        // Docker's since is inclusive to the nanosecond; ask from 1 ns before and skip what we had.
        String since = from.timestampNanos() == Long.MIN_VALUE ? "0" : Timestamps.unixSecondsWithNanos(from.timestampNanos() - 1);
        api.followLogs(info.id(), since).onComplete(result -> {
            if (result.succeeded()) {
                attach(result.result());
            } else {
                streamEnded(result.cause());
            }
        });
    }

    private void attach(RawHttpStream stream) {
        response = stream;
        state = FollowerState.FOLLOWING;
        LogStreamDecoder decoder = new LogStreamDecoder(info.tty(), maxLineBytes, (stderr, ts, text, bytes, defects) -> {
            if (defects.any()) {
                metrics.lineRepaired(defects);
            }
            pipeline.accept(stderr, ts, text, bytes);
        });
        stream.handler((bytes, offset, length) -> {
            failures = 0;
            try {
                decoder.feed(bytes, offset, length);
            } catch (RuntimeException e) {
                failed(stream, e);
                return;
            }
            if (!paused && flowControl.isFull()) {
                paused = true;
                stream.pause();
                metrics.readerPaused();
                flowControl.whenBelowLowWatermark(() -> context.runOnContext(v -> {
                    paused = false;
                    if (response == stream) {
                        stream.resume();
                    }
                }));
            }
        });
        stream.endHandler(v -> {
            if (response == stream) {
                decoder.finish();
                streamEnded(null);
            }
        });
        stream.exceptionHandler(error -> {
            if (response == stream) {
                decoder.finish();
                streamEnded(error);
            }
        });
        stream.resume();
    }

    /**
     * A surprise while reading (a bug, a pipeline limit): logged with its cause and counted, the
     * stream closed, and reading starts again after a backoff from the last line passed on, so
     * nothing is lost. What the decoder held of a line not yet complete is read again.
     */
    private void failed(RawHttpStream stream, RuntimeException e) {
        metrics.readerFailed(e);
        Log.errorf(e, "reading the log of container %s failed unexpectedly; reading it again from its last line", info.name());
        lastError = e.toString();
        if (response == stream) {
            response = null;
            stream.close();
            state = FollowerState.RETRYING;
            retryFollow();
        }
    }

    private void streamEnded(Throwable error) {
        response = null;
        pipeline.flush();
        if (error != null) {
            lastError = error.getMessage();
            Log.debugf("log stream of %s ended: %s", info.name(), error.getMessage());
        }
        state = FollowerState.RETRYING;
        api.inspect(info.id()).onComplete(result -> context.runOnContext(v -> {
            if (result.succeeded()) {
                info = withName(result.result());
                if (result.result().running()) {
                    retryFollow(); // still running: the stream broke, read on from where we were
                } else {
                    failures = 0;
                    state = FollowerState.STOPPED;
                }
            } else if (result.cause() instanceof DockerApiException e && e.status() == 404) {
                markRemoved();
            } else {
                lastError = result.cause().getMessage();
                retryFollow();
            }
        }));
    }

    private ContainerInfo withName(ContainerInfo fresh) {
        if (!fresh.name().equals(info.name())) {
            pipeline.rename(fresh.name(), baseLabels(fresh));
        }
        return fresh;
    }

    private void retryFollow() {
        failures++;
        long delay = retryBackoff.delay(failures + 1).toMillis();
        state = FollowerState.RETRYING;
        vertx.setTimer(delay, id -> context.runOnContext(v -> {
            if (state == FollowerState.RETRYING) {
                follow();
            }
        }));
    }

    /** Docker reported a start: follow again if the previous stream ended. */
    void started() {
        if (state == FollowerState.STOPPED || state == FollowerState.RETRYING) {
            failures = 0;
            state = FollowerState.STOPPED;
            follow();
        }
    }

    /** Docker (re)connected after an outage: make sure we are reading if we should. */
    void reconnected(boolean running) {
        if (running && (state == FollowerState.STOPPED || state == FollowerState.RETRYING)) {
            state = FollowerState.STOPPED;
            follow();
        }
    }

    void renamed(String newName) {
        info = new ContainerInfo(info.id(), newName, info.labels(), info.tty(), info.running(), info.createdNanos());
        pipeline.rename(info.name(), baseLabels(info));
    }

    /** Docker destroyed the container; once its stream has ended, the follower goes away. */
    void destroyed() {
        if (state != FollowerState.FOLLOWING && state != FollowerState.CONNECTING) {
            markRemoved();
        }
    }

    private void markRemoved() {
        if (state == FollowerState.REMOVED) {
            return;
        }
        pipeline.flush();
        state = FollowerState.REMOVED;
        vertx.cancelTimer(idleFlushTimer);
        onRemoved.accept(this);
    }

    /** Emits pending entries now (shutdown). */
    void flush() {
        pipeline.flush();
    }

    static Map<String, String> baseLabels(ContainerInfo info) {
        return Map.of("container", info.name(), "service", info.service());
    }

    ContainerInfo info() {
        return info;
    }

    FollowerState state() {
        return state;
    }

    String lastError() {
        return lastError;
    }

    boolean paused() {
        return paused;
    }

    Cursor readCursor() {
        return pipeline.readCursor();
    }
}
