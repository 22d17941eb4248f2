package io.tritonlogs.query.lokiapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.tritonlogs.query.testing.RealLokiResource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two teams' Triton logs in the real Loki, under namespaces unique to this test run, and the
 * access-control profile that gives each team a token bound to its namespace ({@code ops} reads
 * everything). Team B's streams also carry a label of their own, {@code b_only}, that team A must
 * never see. The seeded entries lie in {@link #FROM}..{@link #TO}, which closed before any test
 * asks, so every answer over it is stable.
 */
public final class TwoTeams {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String NAMESPACE_A = "team-a-" + RUN;
    static final String NAMESPACE_B = "team-b-" + RUN;
    static final String TOKEN_A = "tok-a-" + RUN + "-5e2f";
    static final String TOKEN_B = "tok-b-" + RUN + "-91c0";
    static final String TOKEN_OPS = "tok-ops-" + RUN + "-77aa";
    static final Instant FROM = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    static final Instant TO = FROM.plus(Duration.ofMinutes(10));
    static final int ENTRIES_PER_TEAM = 12;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean seeded;

    private TwoTeams() {
    }

    /** Access control on, a token per team and one for operations. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "query.auth.enabled", "true",
                    "query.auth.tokens.team-a.token", TOKEN_A,
                    "query.auth.tokens.team-a.matchers", "namespace=\"" + NAMESPACE_A + "\"",
                    "query.auth.tokens.team-b.token", TOKEN_B,
                    "query.auth.tokens.team-b.matchers", "namespace=\"" + NAMESPACE_B + "\"",
                    "query.auth.tokens.ops.token", TOKEN_OPS);
        }
    }

    public static String basic(String name, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    /** Team A's seeded lines, in time order. */
    static List<String> linesOf(String namespace) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ENTRIES_PER_TEAM; i++) {
            lines.add(line(namespace, i));
        }
        return lines;
    }

    private static String line(String namespace, int i) {
        String letter = i % 4 == 0 ? "E" : "I";
        return letter + "1201 10:30:" + String.format("%02d", i) + ".000001 1 model_lifecycle.cc:472] \"" + namespace
                + (letter.equals("E") ? " failed to load 'resnet50' token=***REDACTED***\"" : " successfully loaded 'resnet50' version 1\"");
    }

    static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Pushes both teams' entries once per JVM and waits until Loki answers them. */
    static synchronized void seed() throws Exception {
        if (seeded) {
            return;
        }
        long base = nanos(FROM.plusSeconds(30));
        List<Map<String, Object>> streams = new ArrayList<>();
        for (String namespace : List.of(NAMESPACE_A, NAMESPACE_B)) {
            for (String level : List.of("ERROR", "INFO")) {
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("namespace", namespace);
                labels.put("container", "triton");
                labels.put("level", level);
                if (namespace.equals(NAMESPACE_B)) {
                    labels.put("b_only", "secret-" + RUN);
                }
                List<List<String>> values = new ArrayList<>();
                List<String> lines = linesOf(namespace);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("E") == level.equals("ERROR")) {
                        values.add(List.of(Long.toString(base + i * 1_000_000_000L), lines.get(i)));
                    }
                }
                streams.add(Map.of("stream", labels, "values", values));
            }
        }
        push(streams);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("{namespace=~\"" + NAMESPACE_A + "|" + NAMESPACE_B + "\"}") < 2 * ENTRIES_PER_TEAM) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Loki did not answer the seeded entries within 30 s");
            }
            Thread.sleep(200);
        }
        seeded = true;
    }

    /** Pushes one live entry per team, now: team B's first, so a leak would arrive before team A's. */
    static void pushLive(String marker) throws Exception {
        long now = nanos(Instant.now());
        List<Map<String, Object>> streams = new ArrayList<>();
        streams.add(Map.of("stream", Map.of("namespace", NAMESPACE_B, "container", "triton", "level", "INFO", "b_only", "secret-" + RUN),
                "values", List.of(List.of(Long.toString(now), "live " + NAMESPACE_B + " " + marker))));
        push(streams);
        streams.clear();
        streams.add(Map.of("stream", Map.of("namespace", NAMESPACE_A, "container", "triton", "level", "INFO"),
                "values", List.of(List.of(Long.toString(now + 1000), "live " + NAMESPACE_A + " " + marker))));
        push(streams);
    }

    private static void push(List<Map<String, Object>> streams) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(lokiUrl() + "/loki/api/v1/push"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("streams", streams)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError("Loki refused the push: " + response.statusCode() + " " + response.body());
        }
    }

    private static int count(String selector) throws Exception {
        String body = lokiGet("/loki/api/v1/query_range?query=" + enc(selector) + "&start=" + nanos(FROM) + "&end=" + nanos(TO) + "&limit=1000").body();
        int n = 0;
        for (var stream : JSON.readTree(body).path("data").path("result")) {
            n += stream.path("values").size();
        }
        return n;
    }

    static String lokiUrl() {
        return RealLokiResource.lokiUrl();
    }

    /** Loki's own answer, asked directly. */
    static HttpResponse<String> lokiGet(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(lokiUrl() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
