package io.tritonlogs.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tritonlogs.common.loki.LokiProto;
import io.tritonlogs.common.loki.proto.EntryAdapter;
import io.tritonlogs.common.loki.proto.PushRequest;
import io.tritonlogs.common.loki.proto.StreamAdapter;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * STAND-IN for Loki's push endpoint, used only when {@code LOKI_URL} is not set: a real HTTP
 * server on loopback that decodes {@code POST /loki/api/v1/push} exactly as Loki does (block
 * snappy + {@code logproto.PushRequest} with classes generated from Loki's push.proto, or the
 * JSON form) and records what it got. It answers 204 like Loki, or 400 with a message when the
 * body does not decode. It evaluates no LogQL.
 */
public final class LokiPushStandIn implements AutoCloseable {

    /** One decoded stream: its label string and its (timestamp, line) entries. */
    public record ReceivedStream(String labels, List<ReceivedEntry> entries) {
    }

    public record ReceivedEntry(long timestampNanos, String line) {
    }

    private final HttpServer server;
    private final List<ReceivedStream> received = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    public LokiPushStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/loki/api/v1/push", this::push);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedStream> received() {
        return List.copyOf(received);
    }

    private void push(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "method not allowed");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
            try {
                if (type.startsWith("application/x-protobuf")) {
                    PushRequest request = LokiProto.decode(body);
                    for (StreamAdapter stream : request.getStreamsList()) {
                        List<ReceivedEntry> entries = new ArrayList<>();
                        for (EntryAdapter e : stream.getEntriesList()) {
                            entries.add(new ReceivedEntry(e.getTimestamp().getSeconds() * 1_000_000_000L + e.getTimestamp().getNanos(), e.getLine()));
                        }
                        received.add(new ReceivedStream(stream.getLabels(), entries));
                    }
                } else if (type.startsWith("application/json")) {
                    for (JsonNode stream : json.readTree(body).get("streams")) {
                        List<ReceivedEntry> entries = new ArrayList<>();
                        for (JsonNode value : stream.get("values")) {
                            entries.add(new ReceivedEntry(Long.parseLong(value.get(0).asText()), value.get(1).asText()));
                        }
                        received.add(new ReceivedStream(stream.get("stream").toString(), entries));
                    }
                } else {
                    answer(exchange, 415, "unsupported Content-Type " + type);
                    return;
                }
            } catch (Exception e) {
                answer(exchange, 400, "could not decode push: " + e);
                return;
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private static void answer(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
