package io.tritonlogs.support.loki;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tritonlogs.common.testing.RealLoki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The shared client and vector reader against the real Loki at LOKI_URL (or the compose file's image). */
class RealLokiClientTest {

    private static LokiHttpClient client;

    @BeforeAll
    static void loki() {
        assumeTrue(RealLoki.url().isPresent(), RealLoki.describe());
        client = new LokiHttpClient(LokiConnection.anonymous(RealLoki.url().get(), Duration.ofSeconds(5), Duration.ofSeconds(30)),
                "test", "triton-logs-test", null);
    }

    @Test
    void aMetricQueryIsReadAsAVector() throws Exception {
        HttpResponse<String> answer = LokiHttpClient.requireSuccess(client.send(client.request("/loki/api/v1/query", List.of(
                Map.entry("query", "vector(3)"), Map.entry("time", Long.toString(Instant.now().getEpochSecond())))).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
        List<VectorSample> samples = VectorAnswers.parse(answer.body(), new ObjectMapper());
        assertThat(samples).containsExactly(new VectorSample(Map.of(), 3.0));
    }

    @Test
    void aQueryLokiCannotParseIsRejectedWithLokisOwnWords() throws Exception {
        HttpResponse<String> answer = client.send(client.request("/loki/api/v1/query", List.of(Map.entry("query", "{level=}"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThatThrownBy(() -> LokiHttpClient.requireSuccess(answer)).isInstanceOfSatisfying(LokiHttpException.class, e -> {
            assertThat(e.failure()).isEqualTo(LokiFailure.REJECTED);
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.answer()).startsWith("parse error at line 1, col");
        });
    }

    @Test
    void aLogQueryIsNoVector() throws Exception {
        HttpResponse<String> answer = LokiHttpClient.requireSuccess(client.send(client.request("/loki/api/v1/query_range", List.of(
                Map.entry("query", "{service=\"no-such-service-anywhere\"}"), Map.entry("since", "5m"))).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThatThrownBy(() -> VectorAnswers.parse(answer.body(), new ObjectMapper()))
                .isInstanceOf(VectorAnswers.MalformedAnswerException.class).hasMessageContaining("\"streams\"");
    }
}
