package io.tritonlogs.alert;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tritonlogs.alert.testing.AlertServiceTestResource;
import io.tritonlogs.common.testing.DashboardMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the suite dashboard's PromQL names for the alert-service is on the running service's
 * {@code /q/metrics} with rules and a receiver loaded (registered then, before any evaluation or notification),
 * with the type its query needs (names read from the dashboard).
 */
@QuarkusTest
@WithTestResource(AlertServiceTestResource.class)
class DashboardMetricsTest {

    @Test
    void everyDashboardMetricOfTheAlertServiceIsExportedWithTheRightType() {
        List<DashboardMetrics.Query> queries = DashboardMetrics.prometheusQueries(DashboardMetrics.suiteDashboard());
        assertThat(DashboardMetrics.namesByService(queries).get("alert-service"))
                .contains("alert_evaluations_total", "alert_notifications_sent_total", "http_server_requests_seconds_count");
        given().get("/api/v1/rules").then().statusCode(200); // an HTTP request, for http_server_requests_seconds
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(DashboardMetrics.problems("alert-service", scrape, queries)).isEmpty();
        assertThat(scrape).contains("# TYPE alert_evaluation_duration_seconds histogram", "\nalert_evaluations_total{group=\"api-group\"} ",
                "\nalert_notifications_failed_total{receiver=",
                "alert_evaluation_failures_total{group=\"api-group\",rule=\"ApiErrorBurst\"", "# TYPE alert_rule_files_refused gauge");
    }
}
