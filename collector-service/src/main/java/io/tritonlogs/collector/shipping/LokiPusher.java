package io.tritonlogs.collector.shipping;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one encoded push to {@code POST /loki/api/v1/push} and classifies the answer. Retry only
 * what is safe to retry: connection errors, timeouts, 429 and 5xx; any other 4xx means the
 * request itself is wrong (too old, too long, bad labels) and is rejected.
 */
public final class LokiPusher {

    private static final Pattern BUILD_VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]{1,64})\"");

    private final HttpClient http;
    private final URI pushUri;
    private final Duration timeout;
    private final Optional<String> tenant;
    private final Optional<String> authorization;

    public LokiPusher(String lokiUrl, Duration timeout, Optional<String> tenant, Optional<String> username,
                      Optional<String> password, Optional<String> bearerToken) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        this.pushUri = URI.create(lokiUrl.replaceAll("/+$", "") + "/loki/api/v1/push");
        this.timeout = timeout;
        this.tenant = tenant.filter(t -> !t.isBlank());
        if (bearerToken.filter(t -> !t.isBlank()).isPresent()) {
            this.authorization = Optional.of("Bearer " + bearerToken.get());
        } else if (username.filter(u -> !u.isBlank()).isPresent()) {
            String pair = username.get() + ":" + password.orElse("");
            this.authorization = Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            this.authorization = Optional.empty();
        }
    }

    public PushOutcome push(byte[] body) {
        HttpRequest.Builder request = withCredentials(HttpRequest.newBuilder(pushUri))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new PushOutcome.Retry(e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PushOutcome.Retry("interrupted", null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new PushOutcome.Accepted(status);
        }
        String reason = firstLine(response.body());
        if (status == 429 || status >= 500) {
            return new PushOutcome.Retry("HTTP " + status + ": " + reason, retryAfter(response));
        }
        return new PushOutcome.Rejected(status, reason);
    }

    /** Loki's version from {@code /loki/api/v1/status/buildinfo}, or empty when it does not say (an old Loki, a gateway, an error). */
    public Optional<String> lokiVersion() {
        URI buildInfo = URI.create(pushUri.toString().replace("/loki/api/v1/push", "/loki/api/v1/status/buildinfo"));
        try {
            HttpResponse<String> response = http.send(withCredentials(HttpRequest.newBuilder(buildInfo)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher version = BUILD_VERSION.matcher(response.body());
            return response.statusCode() == 200 && version.find() ? Optional.of(version.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpRequest.Builder withCredentials(HttpRequest.Builder request) {
        request.timeout(timeout).header("User-Agent", "triton-logs-collector");
        tenant.ifPresent(t -> request.header("X-Scope-OrgID", t));
        authorization.ifPresent(a -> request.header("Authorization", a));
        return request;
    }

    public URI pushUri() {
        return pushUri;
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(LokiPusher::parseRetryAfter).orElse(null);
    }

    static Duration parseRetryAfter(String value) {
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Duration.ofMillis(Math.max(0, at.toInstant().toEpochMilli() - System.currentTimeMillis()));
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    private static String firstLine(String body) {
        if (body == null || body.isBlank()) {
            return "(empty answer)";
        }
        String line = body.strip();
        int newline = line.indexOf('\n');
        line = newline < 0 ? line : line.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
