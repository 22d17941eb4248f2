package io.tritonlogs.query.lokiapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.tritonlogs.common.testing.RealLoki;
import io.tritonlogs.query.testing.RealLokiResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static io.tritonlogs.query.lokiapi.TwoTeams.FROM;
import static io.tritonlogs.query.lokiapi.TwoTeams.NAMESPACE_A;
import static io.tritonlogs.query.lokiapi.TwoTeams.NAMESPACE_B;
import static io.tritonlogs.query.lokiapi.TwoTeams.RUN;
import static io.tritonlogs.query.lokiapi.TwoTeams.TO;
import static io.tritonlogs.query.lokiapi.TwoTeams.TOKEN_A;
import static io.tritonlogs.query.lokiapi.TwoTeams.TOKEN_OPS;
import static io.tritonlogs.query.lokiapi.TwoTeams.nanos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The requests Grafana 11.5's Loki data source makes, as its backend sends them (docs/loki-api.md
 * lists them with their sources): Save &amp; test, opening Explore, a log query with its volume
 * histogram, a metric query, the label browser, the query-size estimate and live tail, with the
 * data source's Basic auth and Grafana's headers. A team's data source sees only its team; the
 * operations data source gets Loki's own bytes.
 */
@QuarkusTest
@TestProfile(TwoTeams.Profile.class)
@WithTestResource(RealLokiResource.class)
class GrafanaRequestsTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALL = "{namespace=~\".+\"}";

    @BeforeEach
    void seeded() throws Exception {
        assumeTrue(RealLokiResource.lokiUrl() != null, RealLoki.describe());
        TwoTeams.seed();
    }

    private static RequestSpecification grafana(String user, String token) {
        return given().urlEncodingEnabled(true).header("Authorization", TwoTeams.basic(user, token))
                .header("User-Agent", "Grafana/11.5.0").header("Accept-Encoding", "identity");
    }

    private static RequestSpecification teamA() {
        return grafana("team-a", TOKEN_A);
    }

    private static JsonNode json(Response response) throws Exception {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return JSON.readTree(response.asString());
    }

    @Test
    void saveAndTestPassesForEveryToken() throws Exception {
        for (RequestSpecification ds : List.of(teamA(), grafana("ops", TOKEN_OPS))) {
            JsonNode body = json(ds.header("X-Loki-Response-Encoding-Flags", "categorize-labels")
                    .queryParam("direction", "backward").queryParam("query", "vector(1)+vector(1)").queryParam("time", "4000000000")
                    .get("/loki/api/v1/query"));
            assertThat(body.path("data").path("resultType").asText()).isEqualTo("vector");
            assertThat(body.path("data").path("result").get(0).path("value").get(1).asText()).isEqualTo("2");
        }
    }

    @Test
    void openingExploreListsOnlyTheTeamsLabels() throws Exception {
        JsonNode labels = json(teamA().queryParam("start", nanos(FROM)).queryParam("end", nanos(TO)).get("/loki/api/v1/labels"));
        assertThat(strings(labels.path("data"))).contains("namespace", "container", "level").doesNotContain("b_only");
    }

    @Test
    void aLogQueryAndItsVolumeHistogramReadOnlyTheTeam() throws Exception {
        JsonNode logs = json(teamA().header("X-Loki-Response-Encoding-Flags", "categorize-labels")
                .queryParam("direction", "backward").queryParam("end", nanos(TO)).queryParam("limit", 1000)
                .queryParam("query", ALL + " |= \"" + RUN + "\"").queryParam("start", nanos(FROM)).queryParam("step", "2000ms")
                .get("/loki/api/v1/query_range"));
        assertThat(logs.path("data").path("resultType").asText()).isEqualTo("streams");
        assertThat(namespaces(logs)).containsExactly(NAMESPACE_A);
        int entries = 0;
        for (JsonNode stream : logs.path("data").path("result")) {
            entries += stream.path("values").size();
        }
        assertThat(entries).isEqualTo(TwoTeams.ENTRIES_PER_TEAM);

        JsonNode volume = json(teamA().header("X-Query-Tags", "Source=logvolhist")
                .queryParam("direction", "backward").queryParam("end", nanos(TO)).queryParam("limit", 1000)
                .queryParam("query", "sum by (level, detected_level) (count_over_time({container=\"triton\"} | drop __error__[1m]))")
                .queryParam("start", nanos(FROM)).queryParam("step", "60000ms").get("/loki/api/v1/query_range"));
        assertThat(volume.path("data").path("resultType").asText()).isEqualTo("matrix");
        TreeSet<String> levels = new TreeSet<>();
        volume.path("data").path("result").forEach(s -> levels.add(s.path("metric").path("level").asText()));
        assertThat(levels).containsExactly("ERROR", "INFO");
        assertThat(sumOfPoints(volume)).isEqualTo(TwoTeams.ENTRIES_PER_TEAM);
    }

    @Test
    void aMetricQueryCountsOnlyTheTeam() throws Exception {
        JsonNode rate = json(teamA().queryParam("direction", "backward").queryParam("end", nanos(TO)).queryParam("limit", 1000)
                .queryParam("query", "sum by (namespace) (count_over_time(" + ALL + " [10m]))").queryParam("start", nanos(FROM))
                .queryParam("step", "600000ms").get("/loki/api/v1/query_range"));
        assertThat(rate.path("data").path("resultType").asText()).isEqualTo("matrix");
        List<String> metricNamespaces = new ArrayList<>();
        rate.path("data").path("result").forEach(s -> metricNamespaces.add(s.path("metric").path("namespace").asText()));
        assertThat(metricNamespaces).containsExactly(NAMESPACE_A);
    }

    @Test
    void theLabelBrowserSeesOnlyTheTeamsValues() throws Exception {
        JsonNode names = json(teamA().queryParam("start", nanos(FROM)).queryParam("end", nanos(TO))
                .queryParam("query", "{container=\"triton\"}").get("/loki/api/v1/labels"));
        assertThat(strings(names.path("data"))).contains("namespace").doesNotContain("b_only");
        JsonNode values = json(teamA().queryParam("start", nanos(FROM)).queryParam("end", nanos(TO))
                .queryParam("query", "{container=\"triton\"}").get("/loki/api/v1/label/namespace/values"));
        assertThat(strings(values.path("data"))).containsExactly(NAMESPACE_A);
        JsonNode bOnly = json(teamA().queryParam("start", nanos(FROM)).queryParam("end", nanos(TO)).get("/loki/api/v1/label/b_only/values"));
        assertThat(strings(bOnly.path("data"))).isEmpty();
        JsonNode series = json(teamA().queryParam("match[]", "{container=\"triton\"}").queryParam("start", nanos(FROM))
                .queryParam("end", nanos(TO)).get("/loki/api/v1/series"));
        assertThat(series.path("data")).hasSize(2).allSatisfy(s -> assertThat(s.path("namespace").asText()).isEqualTo(NAMESPACE_A));
        JsonNode posted = json(teamA().contentType("application/x-www-form-urlencoded").formParam("match[]", ALL)
                .formParam("start", Long.toString(nanos(FROM))).formParam("end", Long.toString(nanos(TO))).post("/loki/api/v1/series"));
        assertThat(posted.path("data")).hasSize(2).allSatisfy(s -> assertThat(s.path("namespace").asText()).isEqualTo(NAMESPACE_A));
    }

    @Test
    void theQuerySizeEstimateIsTheTeamsOwn() throws Exception {
        Response scoped = teamA().queryParam("query", ALL).queryParam("start", nanos(FROM)).queryParam("end", nanos(TO)).get("/loki/api/v1/index/stats");
        String own = TwoTeams.lokiGet("/loki/api/v1/index/stats?query=" + TwoTeams.enc("{namespace=\"" + NAMESPACE_A + "\"}")
                + "&start=" + nanos(FROM) + "&end=" + nanos(TO)).body();
        assertThat(scoped.statusCode()).isEqualTo(200);
        assertThat(scoped.asString()).isEqualTo(own);
        JsonNode volume = json(teamA().queryParam("query", ALL).queryParam("start", nanos(FROM)).queryParam("end", nanos(TO))
                .get("/loki/api/v1/index/volume"));
        assertThat(volume.path("data").path("result")).singleElement()
                .satisfies(v -> assertThat(v.path("metric").path("namespace").asText()).isEqualTo(NAMESPACE_A));
    }

    @Test
    void theOperationsDataSourceGetsLokisOwnBytes() throws Exception {
        String window = "start=" + nanos(FROM) + "&end=" + nanos(TO);
        String selector = TwoTeams.enc("{namespace=~\"" + NAMESPACE_A + "|" + NAMESPACE_B + "\"}");
        for (String pathAndQuery : List.of(
                "/loki/api/v1/labels?" + window,
                "/loki/api/v1/label/namespace/values?" + window + "&query=" + selector,
                "/loki/api/v1/index/stats?" + window + "&query=" + selector,
                "/loki/api/v1/query_range?" + window + "&query=" + TwoTeams.enc("{namespace=\"" + NAMESPACE_A + "\"") + "&limit=10",
                "/loki/api/v1/status/buildinfo")) {
            String direct = TwoTeams.lokiGet(pathAndQuery).body();
            Response proxied = grafana("ops", TOKEN_OPS).urlEncodingEnabled(false).get(pathAndQuery);
            assertThat(proxied.asString()).as(pathAndQuery).isEqualTo(direct);
        }
        // Series come in no fixed order, and query answers carry timings: the data must be Loki's.
        String seriesQuery = "/loki/api/v1/series?" + window + "&match[]=" + selector;
        assertThat(JSON.readTree(grafana("ops", TOKEN_OPS).urlEncodingEnabled(false).get(seriesQuery).asString()).path("data"))
                .containsExactlyInAnyOrderElementsOf(JSON.readTree(TwoTeams.lokiGet(seriesQuery).body()).path("data")).hasSize(4);
        for (String query : List.of("/loki/api/v1/query_range?" + window + "&query=" + selector + "&limit=1000&direction=forward",
                "/loki/api/v1/index/volume?" + window + "&query=" + selector)) {
            JsonNode direct = JSON.readTree(TwoTeams.lokiGet(query).body());
            JsonNode proxied = json(grafana("ops", TOKEN_OPS).urlEncodingEnabled(false).get(query));
            assertThat(proxied.path("data").path("result")).as(query).isEqualTo(direct.path("data").path("result")).isNotEmpty();
        }
    }

    @Test
    void liveTailThroughTheDataSourceCarriesOnlyTheTeam() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        URI uri = URI.create("ws://localhost:" + RestAssured.port + "/loki/api/v1/tail?query=" + TwoTeams.enc(ALL));
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", TwoTeams.basic("team-a", TOKEN_A))
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        closed.complete(null);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            String marker = UUID.randomUUID().toString();
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (messages.stream().noneMatch(m -> m.contains("live " + NAMESPACE_A + " " + marker)) && System.nanoTime() < deadline) {
                TwoTeams.pushLive(marker);
                Thread.sleep(1500);
            }
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("live " + NAMESPACE_A + " " + marker))
                    .noneSatisfy(m -> assertThat(m).contains(NAMESPACE_B));
            for (String m : messages) {
                JsonNode tail = JSON.readTree(m);
                assertThat(tail.has("streams")).as(m).isTrue();
            }
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        closed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void theTailRefusesMissingTokensAndBadQueriesWithAStatus() throws Exception {
        var client = HttpClient.newHttpClient();
        URI uri = URI.create("ws://localhost:" + RestAssured.port + "/loki/api/v1/tail?query=" + TwoTeams.enc(ALL));
        assertThat(handshakeStatus(client.newWebSocketBuilder(), uri)).isEqualTo(401);
        URI bad = URI.create("ws://localhost:" + RestAssured.port + "/loki/api/v1/tail?query=" + TwoTeams.enc("{namespace=~\".+\""));
        assertThat(handshakeStatus(client.newWebSocketBuilder().header("Authorization", TwoTeams.basic("team-a", TOKEN_A)), bad)).isEqualTo(400);
    }

    private static int handshakeStatus(WebSocket.Builder builder, URI uri) throws Exception {
        try {
            builder.buildAsync(uri, new WebSocket.Listener() {
            }).get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
            return ((java.net.http.WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private static List<String> namespaces(JsonNode answer) {
        TreeSet<String> found = new TreeSet<>();
        answer.path("data").path("result").forEach(s -> found.add(s.path("stream").path("namespace").asText()));
        return List.copyOf(found);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static int sumOfPoints(JsonNode matrix) {
        int sum = 0;
        for (JsonNode series : matrix.path("data").path("result")) {
            for (JsonNode point : series.path("values")) {
                sum += Integer.parseInt(point.get(1).asText());
            }
        }
        return sum;
    }
}
