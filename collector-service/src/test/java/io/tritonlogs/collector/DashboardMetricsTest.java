package io.tritonlogs.collector;

import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.common.testing.DashboardMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the suite dashboard's PromQL names for the collector is on the running collector's
 * {@code /q/metrics} right after start, with the type its query needs (names read from the dashboard).
 */
@QuarkusTest
class DashboardMetricsTest {

    @Test
    void everyDashboardMetricOfTheCollectorIsExportedWithTheRightType() {
        List<DashboardMetrics.Query> queries = DashboardMetrics.prometheusQueries(DashboardMetrics.suiteDashboard());
        assertThat(DashboardMetrics.namesByService(queries).get("collector-service"))
                .contains("collector_push_latency_seconds_bucket", "http_server_requests_seconds_count");
        given().get("/api/v1/targets").then().statusCode(200); // an HTTP request, for http_server_requests_seconds
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(DashboardMetrics.problems("collector-service", scrape, queries)).isEmpty();
        assertThat(scrape).contains("# TYPE collector_push_latency_seconds histogram", "collector_push_latency_seconds_bucket{le=\"0.1\"",
                "\ncollector_read_bytes_total ", "\ncollector_sent_bytes_total ", "\ncollector_entries_sent_total ",
                "# TYPE collector_buffer_bytes gauge", "collector_dropped_bytes_total{reason=\"line_too_long\"",
                "collector_push_retries_total{cause=\"http_429\"", "collector_entries_dropped_total{reason=\"unencodable\"");
    }
}
