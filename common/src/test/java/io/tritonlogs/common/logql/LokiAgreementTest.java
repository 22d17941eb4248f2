package io.tritonlogs.common.logql;

import io.tritonlogs.common.testing.RealLoki;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a real Loki ({@link RealLoki}: {@code LOKI_URL} or the compose file's image), sends every corpus case to it and checks it accepts exactly what
 * we accept. Cases tagged {@code min=X.Y} above the server's version are skipped. Loki 2.7 answers
 * some invalid regexes with 500 instead of 400; both count as a rejection. A 400 about query limits
 * (not the query's syntax) is no verdict and is skipped; a query refused only because a feature is
 * off in Loki's configuration is judged by Loki's {@code format_query}, which parses and checks it.
 */
class LokiAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicTest> lokiAcceptsExactlyWhatWeAccept() throws Exception {
        Assumptions.assumeTrue(RealLoki.url().isPresent(), RealLoki.describe());
        String base = RealLoki.url().get();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String version = lokiVersion(client, base);
        return Corpus.load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Assumptions.assumeTrue(c.minVersion() == null || compareVersions(version, c.minVersion()) >= 0,
                    "Loki " + version + " predates " + c.minVersion());
            HttpResponse<String> response = send(client, base, c.query());
            if (response.statusCode() == 500 && response.body().contains("is not enabled")) {
                // A feature switched off in this Loki's configuration (approx_topk in a single
                // binary): no verdict on the query. Loki's own parser judges it through format_query.
                response = formatQuery(client, base, c.query());
            }
            Assumptions.assumeFalse(response.statusCode() == 400 && response.body().contains("exceeds the limit"),
                    "Loki refused on a query limit, not on syntax: " + response.body());
            boolean lokiAccepts = response.statusCode() / 100 == 2;
            boolean lokiRejects = response.statusCode() == 400 || (response.statusCode() == 500 && response.body().contains("error parsing regexp"));
            assertThat(lokiAccepts || lokiRejects).as("Loki's answer %s: %s", response.statusCode(), response.body()).isTrue();
            assertThat(lokiAccepts).as("Loki (%s) on %s said %s: %s; we %s", version, c.query(), response.statusCode(), response.body(),
                    c.accept() ? "accept" : "reject").isEqualTo(c.accept());
        })).toList();
    }

    /**
     * Over five minutes an hour ahead, where no test has pushed anything: Loki then judges the
     * query's syntax and checks alone, never an evaluation error that depends on what other tests
     * stored (a line that is not JSON for {@code | json}, duplicate series in a binary operation).
     */
    private static HttpResponse<String> send(HttpClient client, String base, String query) throws Exception {
        Instant end = Instant.now().plusSeconds(3900);
        String uri = base + "/loki/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&start=" + end.minusSeconds(300).getEpochSecond() + "&end=" + end.getEpochSecond() + "&step=60&limit=1";
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> formatQuery(HttpClient client, String base, String query) throws Exception {
        String uri = base + "/loki/api/v1/format_query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String lokiVersion(HttpClient client, String base) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/loki/api/v1/status/buildinfo")).timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("buildinfo of %s", base).isEqualTo(200);
        JsonNode info = JSON.readTree(response.body());
        return info.path("version").asText("0.0").replaceFirst("^v", "");
    }

    /** Compares dotted versions numerically; anything not a number (a "-rc1" suffix, "main-abc") counts as 0. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int cmp = Integer.compare(number(x, i), number(y, i));
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    private static int number(String[] parts, int i) {
        return i < parts.length && parts[i].matches("[0-9]{1,6}") ? Integer.parseInt(parts[i]) : 0;
    }
}
