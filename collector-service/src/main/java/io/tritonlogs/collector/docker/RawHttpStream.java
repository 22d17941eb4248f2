package io.tritonlogs.collector.docker;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * One streaming {@code GET} to the Docker Engine API over a plain socket, decoding HTTP/1.1
 * chunked transfer by hand. Docker sends every log message as a chunk of its own; an HTTP client
 * pays its per-chunk costs a million times for a million lines, while this reads whatever the
 * socket delivers (tens of kilobytes at a time) and hands the payload bytes on in one call.
 */
final class RawHttpStream {

    /** Receives body bytes; the array is only valid during the call. */
    interface BodyHandler {
        void onBytes(byte[] bytes, int offset, int length);
    }

    private enum State { HEADERS, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, IDENTITY, DONE }

    private final NetSocket socket;
    private final Promise<RawHttpStream> opened;
    private final StringBuilder headerText = new StringBuilder();
    private final StringBuilder sizeLine = new StringBuilder();
    private State state = State.HEADERS;
    /** Body bytes that came with the headers before the caller's handler was set (see {@link #resume()}). */
    private byte[] pendingBody;
    private long chunkRemaining;
    private int status;
    private boolean chunked;
    private final StringBuilder errorBody = new StringBuilder();
    private BodyHandler body;
    private Handler<Void> end;
    private Handler<Throwable> failure;
    private boolean finished;

    private RawHttpStream(NetSocket socket, Promise<RawHttpStream> opened) {
        this.socket = socket;
        this.opened = opened;
    }

    /**
     * Connects, sends the request and completes once the status line and headers are in (paused
     * until handlers are set); fails and closes the socket when they do not come within
     * {@code headersTimeoutMillis}.
     */
    static Future<RawHttpStream> get(Vertx vertx, NetClient client, SocketAddress server, String host, String uri, long headersTimeoutMillis) {
        return client.connect(server).compose(socket -> {
            Promise<RawHttpStream> opened = Promise.promise();
            RawHttpStream stream = new RawHttpStream(socket, opened);
            long timer = vertx.setTimer(headersTimeoutMillis, id -> {
                if (opened.tryFail(new TimeoutException("Docker did not answer " + uri + " within " + headersTimeoutMillis + " ms"))) {
                    socket.close();
                }
            });
            opened.future().onComplete(r -> vertx.cancelTimer(timer));
            socket.handler(stream::onData);
            socket.endHandler(v -> stream.onEnd());
            socket.exceptionHandler(stream::onError);
            socket.write("GET " + uri + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: triton-logs-collector\r\n"
                    + "Connection: close\r\n\r\n");
            return opened.future();
        });
    }

    RawHttpStream handler(BodyHandler handler) {
        this.body = handler;
        return this;
    }

    RawHttpStream endHandler(Handler<Void> handler) {
        this.end = handler;
        return this;
    }

    RawHttpStream exceptionHandler(Handler<Throwable> handler) {
        this.failure = handler;
        return this;
    }

    void pause() {
        socket.pause();
    }

    void resume() {
        byte[] early = pendingBody;
        if (early != null) {
            pendingBody = null;
            consume(early, 0, early.length);
        }
        socket.resume();
    }

    void close() {
        socket.close();
    }

    private void onData(Buffer buffer) {
        byte[] bytes;
        int offset;
        int length = buffer.length();
        ByteBuf buf = buffer.getByteBuf();
        if (buf.hasArray()) {
            bytes = buf.array();
            offset = buf.arrayOffset() + buf.readerIndex();
        } else {
            bytes = buffer.getBytes();
            offset = 0;
        }
        try {
            consume(bytes, offset, offset + length);
        } catch (RuntimeException e) {
            onError(e);
        }
    }

    private void consume(byte[] b, int i, int to) {
        while (i < to && state != State.DONE) {
            if (body == null && state != State.HEADERS) {
                // Body bytes that came in the same read as the headers, before the caller set its
                // handler: kept for resume(), never dropped.
                pendingBody = Arrays.copyOfRange(b, i, to);
                return;
            }
            switch (state) {
                case HEADERS -> i = headers(b, i, to);
                case CHUNK_SIZE -> i = chunkSize(b, i, to);
                case CHUNK_DATA, IDENTITY -> {
                    int n = state == State.IDENTITY ? to - i : (int) Math.min(chunkRemaining, to - i);
                    deliver(b, i, n);
                    i += n;
                    if (state == State.CHUNK_DATA) {
                        chunkRemaining -= n;
                        if (chunkRemaining == 0) {
                            state = State.CHUNK_END;
                            chunkRemaining = 2;
                        }
                    }
                }
                case CHUNK_END -> {
                    int n = (int) Math.min(chunkRemaining, to - i);
                    i += n;
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        state = State.CHUNK_SIZE;
                    }
                }
                default -> i = to;
            }
        }
    }

    private int headers(byte[] b, int i, int to) {
        while (i < to) {
            headerText.append((char) (b[i++] & 0xFF));
            int n = headerText.length();
            if (n >= 4 && headerText.charAt(n - 1) == '\n' && headerText.charAt(n - 2) == '\r'
                    && headerText.charAt(n - 3) == '\n' && headerText.charAt(n - 4) == '\r') {
                parseHeaders();
                return i;
            }
            if (n > 64 * 1024) {
                throw new IllegalStateException("Docker sent more than 64 KiB of headers");
            }
        }
        return i;
    }

    private void parseHeaders() {
        String[] lines = headerText.toString().split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : 0;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        state = chunked ? State.CHUNK_SIZE : State.IDENTITY;
        if (status / 100 == 2) {
            socket.pause(); // nothing is delivered before the caller's handlers are set
            opened.tryComplete(this);
        } else {
            body = (bytes, offset, length) -> errorBody.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }
    }

    private int chunkSize(byte[] b, int i, int to) {
        while (i < to) {
            char c = (char) (b[i++] & 0xFF);
            if (c == '\n') {
                String hex = sizeLine.toString().trim();
                int semicolon = hex.indexOf(';');
                chunkRemaining = Long.parseLong(semicolon < 0 ? hex : hex.substring(0, semicolon), 16);
                sizeLine.setLength(0);
                if (chunkRemaining == 0) {
                    state = State.DONE;
                    finish(null);
                } else {
                    state = State.CHUNK_DATA;
                }
                return i;
            }
            sizeLine.append(c);
            if (sizeLine.length() > 64) {
                throw new IllegalStateException("malformed chunk size from Docker");
            }
        }
        return i;
    }

    private void deliver(byte[] b, int offset, int length) {
        if (body != null && length > 0) {
            body.onBytes(b, offset, length);
        }
    }

    private void onEnd() {
        finish(null);
    }

    private void onError(Throwable error) {
        socket.close();
        finish(error);
    }

    private void finish(Throwable error) {
        if (finished) {
            return;
        }
        finished = true;
        if (!opened.future().isComplete()) {
            String detail = error != null ? error.getMessage() : errorBody.toString().strip();
            opened.fail(status != 0 ? new DockerApiException(status, "log stream", detail)
                    : new IllegalStateException("Docker closed the connection before answering: " + detail));
            socket.close();
            return;
        }
        if (state == State.DONE) {
            socket.close();
        }
        if (error != null) {
            if (failure != null) {
                failure.handle(error);
            }
        } else if (end != null) {
            end.handle(null);
        }
    }
}
