package io.tritonlogs.query.correlate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.common.logql.Durations;
import io.tritonlogs.query.prometheus.PrometheusClient;
import io.tritonlogs.query.search.SearchFilters;
import io.tritonlogs.query.stats.ModelCounts;
import io.tritonlogs.query.stats.Samples;
import io.tritonlogs.query.stats.Stats;
import io.tritonlogs.support.loki.VectorSample;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The guide's "combine logs and metrics": per model, errors and warnings from Loki beside request
 * counts and latencies from Prometheus over the same window. Without {@code prometheus.url} the
 * metric fields are null; when Prometheus fails the Loki half is still answered, with the reason.
 */
@ApplicationScoped
public class Correlator {

    /** {@code prometheus}: configured, not-configured or failed ({@code prometheusError} says why). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Correlation(String window, String time, String lokiQuery, String prometheus, String prometheusError,
                              Map<String, String> promql, List<ModelCorrelation> models) {
    }

    private final Stats stats;
    private final PrometheusClient prometheus;

    Correlator(Stats stats, PrometheusClient prometheus) {
        this.stats = stats;
        this.prometheus = prometheus;
    }

    /** The PromQL for one Triton counter's increase per model over the window. */
    static String increase(String metric, Duration window) {
        return "sum by (model) (increase(" + metric + "[" + Durations.format(window) + "]))";
    }

    public Uni<Correlation> correlate(SearchFilters filters, Duration window, Instant time) {
        Uni<Stats.ModelStats> loki = stats.models(filters, window, time);
        if (!prometheus.configured()) {
            return loki.map(ms -> new Correlation(ms.window(), ms.time(), ms.query(), "not-configured", null, null,
                    merge(ms.models(), null, filters.model())));
        }
        Map<String, String> promql = new LinkedHashMap<>();
        promql.put("success", increase("nv_inference_request_success", window));
        promql.put("failure", increase("nv_inference_request_failure", window));
        promql.put("requestDurationUs", increase("nv_inference_request_duration_us", window));
        promql.put("queueDurationUs", increase("nv_inference_queue_duration_us", window));
        List<Uni<Map<String, Double>>> metrics = new ArrayList<>();
        promql.values().forEach(q -> metrics.add(prometheus.query(q, time).map(Correlator::byModel)));
        Uni<PromResult> prom = Uni.join().all(metrics).andFailFast()
                .map(r -> new PromResult(r, null))
                .onFailure().recoverWithItem(f -> new PromResult(null, describe(f)));
        return Uni.combine().all().unis(loki, prom).asTuple().map(t -> {
            Stats.ModelStats ms = t.getItem1();
            PromResult p = t.getItem2();
            return new Correlation(ms.window(), ms.time(), ms.query(), p.error() == null ? "configured" : "failed", p.error(), promql,
                    merge(ms.models(), p.metrics(), filters.model()));
        });
    }

    private record PromResult(List<Map<String, Double>> metrics, String error) {
    }

    private static String describe(Throwable f) {
        Log.debugf("Prometheus failed for /correlate: %s", f.getMessage());
        return f.getMessage() == null ? f.getClass().getSimpleName() : f.getMessage();
    }

    private static Map<String, Double> byModel(JsonNode data) {
        Map<String, Double> out = new HashMap<>();
        for (VectorSample sample : Samples.vector("Prometheus", data)) {
            String model = sample.labels().getOrDefault("model", "");
            Double value = Samples.finite(sample.value());
            if (!model.isEmpty() && value != null) {
                out.merge(model, value, Double::sum);
            }
        }
        return out;
    }

    static List<ModelCorrelation> merge(List<ModelCounts> counts, List<Map<String, Double>> metrics, String onlyModel) {
        Map<String, ModelCounts> byModel = new HashMap<>();
        counts.forEach(c -> byModel.put(c.model(), c));
        TreeSet<String> models = new TreeSet<>(byModel.keySet());
        if (metrics != null) {
            metrics.forEach(m -> models.addAll(m.keySet()));
        }
        List<ModelCorrelation> out = new ArrayList<>();
        for (String model : models) {
            if (onlyModel != null && !onlyModel.equals(model)) {
                continue;
            }
            ModelCounts c = byModel.getOrDefault(model, new ModelCounts(model, 0, 0, 0));
            Long success = null;
            Long failure = null;
            Double latency = null;
            Double queue = null;
            if (metrics != null) {
                Double s = metrics.get(0).get(model);
                Double f = metrics.get(1).get(model);
                success = s == null ? null : Math.round(s);
                failure = f == null ? null : Math.round(f);
                double requests = (s == null ? 0 : s) + (f == null ? 0 : f);
                Double d = metrics.get(2).get(model);
                Double qd = metrics.get(3).get(model);
                latency = d == null || requests <= 0 ? null : d / requests / 1000.0;
                queue = qd == null || requests <= 0 ? null : qd / requests / 1000.0;
            }
            out.add(new ModelCorrelation(model, c.errors(), c.warnings(), success, failure, latency, queue));
        }
        out.sort(Comparator.comparingLong(ModelCorrelation::errors).reversed().thenComparing(ModelCorrelation::model));
        return out;
    }
}
