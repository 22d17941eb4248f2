package io.tritonlogs.common.testing;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LokiQueryStandInTest {

    @Test
    void replaysRecordedAnswersAndRefusesUnpreparedRequests() throws Exception {
        try (LokiQueryStandIn loki = new LokiQueryStandIn()) {
            loki.replay("query-instant-error-count");
            HttpClient http = HttpClient.newHttpClient();
            String query = "sum(count_over_time({container=\"triton_server\", level=\"ERROR\"}[1d]))";
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(loki.url() + "/loki/api/v1/query?query="
                    + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"resultType\":\"vector\"").contains("\"35\"");
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(loki.url() + "/loki/api/v1/query?query=x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(loki.requests()).extracting(LokiQueryStandIn.Request::query).containsExactly(query, "x");
        }
        assertThat(LokiQueryStandIn.recordedNames()).contains("error-parse", "series", "labels");
    }
}
