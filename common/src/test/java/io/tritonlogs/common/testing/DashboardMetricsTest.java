package io.tritonlogs.common.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardMetricsTest {

    private static final String SCRAPE = """
            # HELP collector_push_latency_seconds Duration of successful pushes to Loki
            # TYPE collector_push_latency_seconds histogram
            collector_push_latency_seconds_bucket{le="0.1",} 0.0
            collector_push_latency_seconds_bucket{le="+Inf",} 0.0
            collector_push_latency_seconds_count 0.0
            collector_push_latency_seconds_sum 0.0
            # TYPE collector_lines_read_total counter
            collector_lines_read_total 3.0
            # TYPE collector_buffer_fill_ratio gauge
            collector_buffer_fill_ratio 0.0
            # TYPE query_loki_request_seconds summary
            query_loki_request_seconds_count{endpoint="query",} 0.0
            query_loki_request_seconds_sum{endpoint="query",} 0.0
            # TYPE http_server_requests_seconds summary
            http_server_requests_seconds_count{status="200",} 1.0
            """;

    @Test
    void findsMetricNamesWithTheirFunctionsAndJobMatcher() {
        List<DashboardMetrics.MetricUse> uses = DashboardMetrics.metricUses(DashboardMetrics.substituteGrafanaVariables(
                "histogram_quantile(0.99, sum by (le, job) (rate(a_seconds_bucket{job=~\"x|y\", le!=\"1e3\"}[$__rate_interval])))"
                        + " / on (job) group_left () max without (instance) (b_ratio offset 5m) > bool 1e-3"
                        + " or label_replace(c_total, \"dst\", \"$1\", \"src\", \"(.*)\")"));
        assertThat(uses).extracting(DashboardMetrics.MetricUse::name).containsExactly("a_seconds_bucket", "b_ratio", "c_total");
        assertThat(uses.get(0).functions()).containsExactly("histogram_quantile", "sum", "rate");
        assertThat(uses.get(0).jobMatcher()).isEqualTo("=~x|y");
        assertThat(uses.get(0).rangeSelector()).isTrue();
        assertThat(uses.get(1).functions()).containsExactly("max");
        assertThat(uses.get(2).functions()).containsExactly("label_replace");
        assertThat(DashboardMetrics.servicesFor(uses.get(0))).isEmpty();
        assertThat(DashboardMetrics.servicesFor(new DashboardMetrics.MetricUse("jvm_x", List.of(), "=~collector-service|alert-service", false)))
                .containsExactly("collector-service", "alert-service");
        assertThat(DashboardMetrics.servicesFor(new DashboardMetrics.MetricUse("up", List.of(), null, false))).isEmpty();
    }

    @Test
    void substitutesGrafanasIntervals() {
        assertThat(DashboardMetrics.substituteGrafanaVariables("rate(x[$__rate_interval]) + rate(y[${__interval}]) + increase(z[$__range])"))
                .isEqualTo("rate(x[1m]) + rate(y[15s]) + increase(z[1h])");
    }

    @Test
    void reportsMissingMetricsAndWrongTypes() {
        List<DashboardMetrics.Query> queries = List.of(
                query("histogram_quantile(0.99, sum by (le) (rate(collector_push_latency_seconds_bucket[5m])))"),
                query("sum(rate(collector_lines_read_total[5m]))"),
                query("max(collector_buffer_fill_ratio)"),
                query("histogram_quantile(0.99, sum by (le) (rate(query_loki_request_seconds_bucket[5m])))"),
                query("rate(collector_buffer_fill_ratio[5m])"),
                query("collector_lines_read_total"),
                query("sum(rate(collector_gone_total[5m]))"),
                query("sum by (job) (rate(http_server_requests_seconds_count{job=~\"collector-service|query-service\"}[5m]))"));
        assertThat(DashboardMetrics.problems("collector-service", SCRAPE, queries)).satisfiesExactly(
                p -> assertThat(p).contains("rate() needs a counter, but it is a gauge"),
                p -> assertThat(p).contains("a counter is shown without rate()"),
                p -> assertThat(p).contains("collector_gone_total", "does not export it"));
        assertThat(DashboardMetrics.problems("query-service", SCRAPE, queries)).satisfiesExactly(
                p -> assertThat(p).contains("exports the summary query_loki_request_seconds but no sample named query_loki_request_seconds_bucket"),
                p -> assertThat(p).contains("histogram_quantile needs a histogram's _bucket series, but it is a summary"));
        assertThat(DashboardMetrics.problems("alert-service", SCRAPE, queries)).isEmpty();
    }

    @Test
    void theSuiteDashboardHasPrometheusQueriesForEveryService() {
        List<DashboardMetrics.Query> queries = DashboardMetrics.prometheusQueries(DashboardMetrics.suiteDashboard());
        assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
        assertThat(DashboardMetrics.namesByService(queries)).allSatisfy((service, names) -> assertThat(names).as(service).isNotEmpty());
    }

    private static DashboardMetrics.Query query(String expr) {
        return new DashboardMetrics.Query("p", expr, expr);
    }
}
