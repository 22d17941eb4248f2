package io.tritonlogs.query.lokiapi;

import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.tritonlogs.query.auth.CurrentCaller;
import io.tritonlogs.query.auth.TokenRegistry;
import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.errors.LokiException;
import io.tritonlogs.query.loki.LokiClient;
import io.tritonlogs.query.loki.UpstreamHttp.RawAnswer;
import io.tritonlogs.query.metrics.QueryMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loki's read API, served in Loki's own formats for Grafana's Loki data source and logcli: the
 * caller's parameters are narrowed to the ones Loki's read endpoints take, its scope forced in
 * ({@link ScopeForcer}), and Loki's answer passed back as it came. The tenant is this service's
 * ({@code loki.tenant-id}); a caller's {@code X-Scope-OrgID} is passed on only when access control
 * is off and no tenant is configured, so that with access control on no caller picks its tenant.
 */
@ApplicationScoped
public class LokiReadApi {

    /** Every parameter Loki 3.4's read endpoints take; anything else is dropped. */
    static final Set<String> PARAMETERS = Set.of("query", "time", "start", "end", "since", "step", "interval", "limit",
            "direction", "match[]", "match", "targetLabels", "aggregateBy", "line_limit", "field_limit");

    /** Request headers that change the shape of Loki's answer, not what it reads. */
    static final List<String> PASSED_HEADERS = List.of("X-Loki-Response-Encoding-Flags", "X-Query-Tags");

    private final LokiClient loki;
    private final CurrentCaller caller;
    private final boolean accessControl;
    private final ScopeForcer forcer;
    private final QueryMetrics metrics;

    LokiReadApi(LokiClient loki, CurrentCaller caller, TokenRegistry tokens, QueryConfig config, QueryMetrics metrics) {
        this.loki = loki;
        this.caller = caller;
        this.accessControl = tokens.enabled();
        this.forcer = new ScopeForcer(config.limits().maxQueryLength());
        this.metrics = metrics;
    }

    /** Loki's answer to {@code GET /loki/api/v1/<endpoint>} for the current caller, or this service's own plain-text refusal. */
    public Uni<RawAnswer> read(String endpoint, Scoping scoping, List<MultivaluedMap<String, String>> sources, HttpHeaders headers) {
        List<Map.Entry<String, String>> params;
        try {
            params = forcer.force(scoping, parameters(sources), caller.get());
        } catch (LokiApiRefusal refusal) {
            return Uni.createFrom().item(text(refusal.status(), refusal.getMessage()));
        }
        Timer.Sample sample = Timer.start(metrics.registry());
        return loki.forward("/loki/api/v1/" + endpoint, params, passedHeaders(headers))
                .onFailure(LokiException.class).recoverWithItem(e -> text(((LokiException) e).kind().status(), e.getMessage()))
                .onItem().invoke(answer -> sample.stop(metrics.lokiApiRequest(
                        endpoint.replaceFirst("/[^/]+/values$", "/{name}/values"), answer.status())));
    }

    static RawAnswer text(int status, String message) {
        return new RawAnswer(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<Map.Entry<String, String>> parameters(List<MultivaluedMap<String, String>> sources) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (MultivaluedMap<String, String> source : sources) {
            source.forEach((name, values) -> {
                if (PARAMETERS.contains(name)) {
                    values.forEach(v -> params.add(Map.entry(name, v == null ? "" : v)));
                }
            });
        }
        return params;
    }

    private Map<String, String> passedHeaders(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : PASSED_HEADERS) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                out.put(name, value);
            }
        }
        String tenant = headers.getHeaderString("X-Scope-OrgID");
        if (tenant != null && !accessControl && !loki.tenantConfigured()) {
            out.put("X-Scope-OrgID", tenant);
        }
        return out;
    }
}
