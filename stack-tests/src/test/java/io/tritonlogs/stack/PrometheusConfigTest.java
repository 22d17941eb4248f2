package io.tritonlogs.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** config/prometheus/prometheus.yml: promtool accepts it; Triton and the three services are scraped. */
class PrometheusConfigTest {

    @Test
    void promtoolAcceptsTheConfig() {
        Promtool.Result result = Promtool.run("check", "config", Repo.path("config/prometheus/prometheus.yml").toString());
        assertThat(result.exitCode()).as("promtool check config said:%n%s", result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void promtoolRejectsABrokenConfig() throws Exception {
        java.nio.file.Path broken = java.nio.file.Files.createTempFile("prometheus-broken", ".yml");
        try {
            java.nio.file.Files.writeString(broken, "scrape_configs:\n  - job_name: x\n    scrape_interval: ten seconds\n");
            assertThat(Promtool.run("check", "config", broken.toString()).exitCode()).isNotZero();
        } finally {
            java.nio.file.Files.delete(broken);
        }
    }

    @Test
    void scrapesTritonAndOurServices() {
        JsonNode config = Repo.yaml(Repo.path("config/prometheus/prometheus.yml"));
        Map<String, String> targets = new HashMap<>();
        Map<String, String> paths = new HashMap<>();
        config.path("scrape_configs").forEach(job -> {
            targets.put(job.path("job_name").asText(), job.path("static_configs").toString());
            paths.put(job.path("job_name").asText(), job.path("metrics_path").asText("/metrics"));
        });
        assertThat(targets.get("triton")).contains("triton:8002");
        assertThat(targets.get("collector-service")).contains("collector-service:8081");
        assertThat(targets.get("query-service")).contains("query-service:8082");
        assertThat(targets.get("alert-service")).contains("alert-service:8083");
        for (String service : new String[] {"collector-service", "query-service", "alert-service"}) {
            assertThat(paths.get(service)).isEqualTo("/q/metrics");
        }
    }
}
