package io.tritonlogs.alert.eval;

import io.tritonlogs.alert.testing.LokiClients;
import io.tritonlogs.common.testing.LokiQueryStandIn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules evaluate against a multi-tenant or protected Loki: the tenant and token go with every query. */
class LokiQueryClientTest {

    private static final String VECTOR = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
            + "[{\"metric\":{\"level\":\"ERROR\"},\"value\":[1700000000,\"3\"]}]}}";

    @Test
    void sendsTheTenantAndBearerTokenWhenConfigured() throws Exception {
        try (LokiQueryStandIn loki = new LokiQueryStandIn()) {
            loki.answer(r -> "team-a".equals(r.header("X-Scope-OrgID")) && "Bearer s3cret".equals(r.header("Authorization")),
                    LokiQueryStandIn.Answer.json(200, VECTOR));
            LokiQueryClient client = LokiClients.queryClient(loki.url() + "/", Duration.ofSeconds(5), Optional.of("team-a"), Optional.of("s3cret"));
            assertThat(client.instantQuery("sum by (level) (count_over_time({a=\"b\"}[1m]))", Instant.ofEpochSecond(1_700_000_000)))
                    .singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(3.0));
        }
    }

    @Test
    void sendsNeitherWhenNotConfigured() throws Exception {
        try (LokiQueryStandIn loki = new LokiQueryStandIn()) {
            loki.answer(r -> r.header("X-Scope-OrgID") == null && r.header("Authorization") == null, LokiQueryStandIn.Answer.json(200, VECTOR));
            LokiQueryClient client = LokiClients.queryClient(loki.url(), Duration.ofSeconds(5), Optional.of(" "), Optional.empty());
            assertThat(client.instantQuery("count_over_time({a=\"b\"}[1m])", Instant.ofEpochSecond(1_700_000_000))).hasSize(1);
            loki.answer(r -> true, new LokiQueryStandIn.Answer(401, "text/plain", "no org id"));
            assertThatThrownBy(() -> client.instantQuery("count_over_time({a=\"b\"}[1m])", Instant.ofEpochSecond(1_700_000_000)))
                    .isInstanceOf(LokiQueryException.class).hasMessageContaining("401").hasMessageContaining("no org id");
        }
    }
}
