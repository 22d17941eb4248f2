package io.tritonlogs.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** config/loki/loki-config.yaml: 7-day retention, TSDB with 24 h index periods, compactor, filesystem. */
class LokiConfigTest {
    private final JsonNode loki = Repo.yaml(Repo.path("config/loki/loki-config.yaml"));

    @Test
    void tsdbSchemaWithDailyIndexPeriods() {
        JsonNode configs = loki.path("schema_config").path("configs");
        assertThat(configs.size()).isPositive();
        JsonNode last = configs.get(configs.size() - 1);
        assertThat(last.path("store").asText()).isEqualTo("tsdb");
        assertThat(last.path("schema").asText()).isEqualTo("v13");
        assertThat(last.path("object_store").asText()).isEqualTo("filesystem");
        assertThat(last.path("index").path("period").asText()).isEqualTo("24h");
        assertThat(last.path("from").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void sevenDayRetentionByTheCompactorEveryTenMinutes() {
        assertThat(loki.path("limits_config").path("retention_period").asText()).isEqualTo("168h");
        JsonNode compactor = loki.path("compactor");
        assertThat(compactor.path("retention_enabled").asBoolean()).isTrue();
        assertThat(compactor.path("compaction_interval").asText()).isEqualTo("10m");
        assertThat(compactor.path("delete_request_store").asText()).as("required by Loki 3 with retention").isEqualTo("filesystem");
    }

    @Test
    void everythingIsOnTheFilesystemUnderTheVolume() {
        assertThat(loki.path("storage_config").path("filesystem").path("directory").asText()).startsWith("/loki/");
        assertThat(loki.path("storage_config").path("tsdb_shipper").path("active_index_directory").asText()).startsWith("/loki/");
        assertThat(loki.path("compactor").path("working_directory").asText()).startsWith("/loki/");
        assertThat(loki.path("server").path("http_listen_port").asInt()).isEqualTo(3100);
        assertThat(loki.path("auth_enabled").asBoolean()).isFalse();
    }

    @Test
    void composeAndKubernetesRunTheLokiThisConfigIsWrittenFor() {
        JsonNode compose = Repo.yaml(Repo.path("docker-compose.yml"));
        assertThat(compose.path("services").path("loki").path("image").asText()).startsWith("grafana/loki:3.");
    }
}
