package io.tritonlogs.system;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real local webhook receiver (Alertmanager v4 JSON bodies) that can answer 500 until a given time. */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile long failUntilNanos = Long.MIN_VALUE;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                attempts.incrementAndGet();
                if (System.nanoTime() < failUntilNanos) {
                    refused.add(body);
                    exchange.sendResponseHeaders(500, -1);
                } else {
                    accepted.add(body);
                    exchange.sendResponseHeaders(200, -1);
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers 500 from now for {@code millis} of real time, then 200. */
    void failFor(long millis) {
        failUntilNanos = System.nanoTime() + millis * 1_000_000L;
    }

    boolean failing() {
        return System.nanoTime() < failUntilNanos;
    }

    List<String> accepted() {
        return List.copyOf(accepted);
    }

    List<String> refused() {
        return List.copyOf(refused);
    }

    long accepted(String status) {
        return accepted.stream().filter(b -> b.contains("\"status\":\"" + status + "\"")).count();
    }

    long refused(String status) {
        return refused.stream().filter(b -> b.contains("\"status\":\"" + status + "\"")).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
