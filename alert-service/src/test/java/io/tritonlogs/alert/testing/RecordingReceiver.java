package io.tritonlogs.alert.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * A real webhook receiver on loopback: records every request (path, headers, body) and answers
 * with the status {@link #answerWith} gives (200 unless told otherwise).
 */
public final class RecordingReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received; header names lower-cased. */
    public record Received(String path, Map<String, String> headers, String body, int answeredWith) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile IntSupplier status = () -> 200;

    public RecordingReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
                int answer = status.getAsInt();
                received.add(new Received(exchange.getRequestURI().getPath(), headers, new String(body, StandardCharsets.UTF_8), answer));
                exchange.sendResponseHeaders(answer, -1);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answerWith(IntSupplier status) {
        this.status = status;
    }

    /** Requests that were answered 2xx. */
    public List<Received> accepted() {
        return received.stream().filter(r -> r.answeredWith() / 100 == 2).toList();
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    public void reset() {
        received.clear();
        status = () -> 200;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
