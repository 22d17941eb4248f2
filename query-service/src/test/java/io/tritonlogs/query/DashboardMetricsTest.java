package io.tritonlogs.query;

import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.common.testing.DashboardMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the suite dashboard's PromQL names for the query-service is on the running service's
 * {@code /q/metrics} right after start, with the type its query needs (names read from the dashboard).
 */
@QuarkusTest
class DashboardMetricsTest {

    @Test
    void everyDashboardMetricOfTheQueryServiceIsExportedWithTheRightType() {
        List<DashboardMetrics.Query> queries = DashboardMetrics.prometheusQueries(DashboardMetrics.suiteDashboard());
        assertThat(DashboardMetrics.namesByService(queries).get("query-service"))
                .contains("query_loki_request_seconds_bucket", "http_server_requests_seconds_count");
        given().get("/api/v1/presets").then().statusCode(200); // an HTTP request, for http_server_requests_seconds
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(DashboardMetrics.problems("query-service", scrape, queries)).isEmpty();
        assertThat(scrape).contains("# TYPE query_loki_request_seconds histogram",
                "query_loki_request_seconds_bucket{endpoint=\"query_range\",outcome=\"success\",le=\"0.1\"");
    }
}
