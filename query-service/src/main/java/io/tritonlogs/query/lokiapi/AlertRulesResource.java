package io.tritonlogs.query.lokiapi;

import io.smallrye.mutiny.Uni;
import io.tritonlogs.query.loki.UpstreamHttp.RawAnswer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The alert-service's rules and alerts where Grafana's alerting view asks a Loki data source for them ({@link AlertRulesProxy}). */
@Path("/prometheus/api/v1")
public class AlertRulesResource {

    private final AlertRulesProxy proxy;

    AlertRulesResource(AlertRulesProxy proxy) {
        this.proxy = proxy;
    }

    @GET
    @Path("/rules")
    @Operation(summary = "The alert-service's rule groups, in the Prometheus rules API format")
    public Uni<Response> rules(@Context UriInfo uri) {
        return proxy.read("rules", uri.getQueryParameters()).map(AlertRulesResource::response);
    }

    @GET
    @Path("/alerts")
    @Operation(summary = "The alert-service's pending and firing alerts, in the Prometheus alerts API format")
    public Uni<Response> alerts(@Context UriInfo uri) {
        return proxy.read("alerts", uri.getQueryParameters()).map(AlertRulesResource::response);
    }

    private static Response response(RawAnswer answer) {
        return Response.status(answer.status()).header(HttpHeaders.CONTENT_TYPE, answer.contentType()).entity(answer.body()).build();
    }
}
