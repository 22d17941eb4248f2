package io.tritonlogs.query.loki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.tritonlogs.query.errors.LokiException;
import io.tritonlogs.support.loki.LokiHttpClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Bridges Loki's tail websocket ({@code /loki/api/v1/tail}, opened by {@link LokiClient#openTail}) to
 * a {@link Multi} of events. The connection is opened before the stream is handed out, so an
 * unreachable Loki is a 503 and a query Loki rejects a 400 rather than an empty stream. Cancelling
 * the stream closes the socket.
 */
@ApplicationScoped
public class LokiTail {

    private final LokiClient loki;
    private final ObjectMapper json;

    LokiTail(LokiClient loki, ObjectMapper json) {
        this.loki = loki;
        this.json = json;
    }

    /** Opens the tail (blocking up to the connect timeout) and returns its events. */
    public Multi<TailEvent> open(String query, Instant start, int limit, int delayFor) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("query", query));
        params.add(Map.entry("limit", Integer.toString(limit)));
        params.add(Map.entry("start", LokiClient.nanos(start)));
        if (delayFor > 0) {
            params.add(Map.entry("delay_for", Integer.toString(delayFor)));
        }
        UnicastProcessor<TailEvent> events = UnicastProcessor.create();
        WebSocket socket;
        try {
            socket = loki.openTail(params, Map.of(), new Listener(events)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LokiException(LokiException.Kind.UNREACHABLE, "Loki", "interrupted while connecting to Loki's tail", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
        return events.onCancellation().invoke(() -> socket.abort()).onTermination().invoke(() -> {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(t -> null);
            }
        });
    }

    private LokiException failure(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            Object body = handshake.getResponse().body();
            String message = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(body);
            LokiException.Kind kind = LokiException.Kind.ofStatus(status);
            return kind == LokiException.Kind.REJECTED
                    ? new LokiException(kind, "Loki", "Loki rejected the tail: " + LokiHttpClient.firstLine(message), cause)
                    : new LokiException(kind, "Loki", "Loki at " + loki.tailBase() + " refused the tail websocket (HTTP " + status + ")", cause);
        }
        if (cause instanceof TimeoutException) {
            return new LokiException(LokiException.Kind.TIMEOUT, "Loki", "Loki's tail did not answer within "
                    + loki.connectTimeout().toMillis() + " ms", cause);
        }
        return loki.unanswered(cause);
    }

    /** Collects text frames into whole messages and emits their entries. */
    private final class Listener implements WebSocket.Listener {
        private final UnicastProcessor<TailEvent> events;
        private final StringBuilder message = new StringBuilder();

        Listener(UnicastProcessor<TailEvent> events) {
            this.events = events;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                String text = message.toString();
                message.setLength(0);
                try {
                    emit(json.readTree(text));
                } catch (IOException | RuntimeException e) {
                    Log.debugf("unreadable tail message from Loki: %s", e.getMessage());
                }
            }
            socket.request(1);
            return null;
        }

        private void emit(JsonNode root) {
            for (JsonNode stream : root.path("streams")) {
                Map<String, String> labels = new LinkedHashMap<>();
                stream.path("stream").fields().forEachRemaining(label -> labels.put(label.getKey(), label.getValue().asText()));
                for (JsonNode value : stream.path("values")) {
                    events.onNext(new TailEvent.Entry(value.path(0).asText(), labels, value.path(1).asText()));
                }
            }
            int dropped = root.path("dropped_entries").size();
            if (dropped > 0) {
                events.onNext(new TailEvent.Dropped(dropped));
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (statusCode != WebSocket.NORMAL_CLOSURE) {
                events.onNext(new TailEvent.Ended("Loki's tail ended abnormally (code " + statusCode + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")"));
            }
            events.onComplete();
            return null;
        }

        /** Told to the client as a last event, so a lost tail is not mistaken for a quiet one. */
        @Override
        public void onError(WebSocket socket, Throwable error) {
            Log.infof("Loki's tail websocket failed: %s", error.toString());
            events.onNext(new TailEvent.Ended("the connection to Loki's tail was lost: " + error.getClass().getSimpleName()));
            events.onComplete();
        }
    }
}
