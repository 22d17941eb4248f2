package io.tritonlogs.collector.shipping;

import io.micrometer.core.instrument.MeterRegistry;
import io.tritonlogs.support.loki.LokiConnection;
import io.tritonlogs.support.loki.LokiFailure;
import io.tritonlogs.support.loki.LokiHttpClient;
import io.tritonlogs.support.loki.LokiHttpException;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one encoded push to {@code POST /loki/api/v1/push} and says what Loki made of it. Retry
 * only what {@link LokiFailure} calls retryable: connection errors, timeouts, 429, 503 and other
 * 5xx; any other 4xx means the request itself is wrong (too old, too long, bad labels) and is
 * rejected.
 */
public final class LokiPusher {

    private static final String PUSH_PATH = "/loki/api/v1/push";
    private static final String BUILD_INFO_PATH = "/loki/api/v1/status/buildinfo";
    private static final Pattern BUILD_VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]{1,64})\"");

    private final LokiHttpClient http;

    /** @param registry where {@code loki_client_requests_seconds{client="push"}} goes; null for none */
    public LokiPusher(LokiConnection connection, MeterRegistry registry) {
        this.http = new LokiHttpClient(connection, "push", "triton-logs-collector", registry);
    }

    public PushOutcome push(byte[] body) {
        HttpRequest request = http.request(PUSH_PATH, List.of())
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (LokiHttpException e) {
            return new PushOutcome.Retry(e.getMessage(), null);
        }
        int status = response.statusCode();
        LokiFailure failure = LokiFailure.ofStatus(status);
        if (failure == null) {
            return new PushOutcome.Accepted(status);
        }
        String reason = LokiHttpClient.firstLine(response.body());
        if (failure.retryable()) {
            return new PushOutcome.Retry("HTTP " + status + ": " + reason, LokiHttpClient.retryAfter(response).orElse(null));
        }
        return new PushOutcome.Rejected(status, reason);
    }

    /** Loki's version from {@code /loki/api/v1/status/buildinfo}, or empty when it does not say (an old Loki, a gateway, an error). */
    public Optional<String> lokiVersion() {
        try {
            HttpResponse<String> response = http.send(http.request(BUILD_INFO_PATH, List.of()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher version = BUILD_VERSION.matcher(response.body());
            return response.statusCode() == 200 && version.find() ? Optional.of(version.group(1)) : Optional.empty();
        } catch (LokiHttpException e) {
            return Optional.empty();
        }
    }

    public String pushUri() {
        return http.baseUrl() + PUSH_PATH;
    }
}
