package io.tritonlogs.query.lokiapi;

import io.smallrye.mutiny.Uni;
import io.tritonlogs.common.logql.ast.Names;
import io.tritonlogs.query.loki.UpstreamHttp.RawAnswer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;

/**
 * Loki's HTTP read API under {@code /loki/api/v1}, so that Grafana's Loki data source and logcli
 * can use this service as their Loki (docs/loki-api.md lists every path). Endpoints Loki also
 * takes as form POSTs take them here too. Writing and deleting are refused; the tail websocket is
 * {@link LokiTailProxy}.
 */
@Path("/loki/api/v1")
public class LokiReadApiResource {

    private final LokiReadApi api;

    LokiReadApiResource(LokiReadApi api) {
        this.api = api;
    }

    @GET
    @Path("/query")
    @Operation(summary = "Loki's instant query, scoped")
    public Uni<Response> query(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("query", Scoping.LOGQL, null, uri, headers);
    }

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> queryForm(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context HttpHeaders headers) {
        return read("query", Scoping.LOGQL, form, uri, headers);
    }

    @GET
    @Path("/query_range")
    @Operation(summary = "Loki's range query, scoped")
    public Uni<Response> queryRange(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("query_range", Scoping.LOGQL, null, uri, headers);
    }

    @POST
    @Path("/query_range")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> queryRangeForm(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context HttpHeaders headers) {
        return read("query_range", Scoping.LOGQL, form, uri, headers);
    }

    @GET
    @Path("/labels")
    @Operation(summary = "Loki's label names, of the caller's streams only")
    public Uni<Response> labels(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("labels", Scoping.OPTIONAL_SELECTOR, null, uri, headers);
    }

    @POST
    @Path("/labels")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> labelsForm(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context HttpHeaders headers) {
        return read("labels", Scoping.OPTIONAL_SELECTOR, form, uri, headers);
    }

    @GET
    @Path("/label")
    @Operation(summary = "Loki's older name for /labels")
    public Uni<Response> label(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("labels", Scoping.OPTIONAL_SELECTOR, null, uri, headers);
    }

    @GET
    @Path("/label/{name}/values")
    @Operation(summary = "Loki's values of one label, of the caller's streams only")
    public Uni<Response> labelValues(@RestPath String name, @Context UriInfo uri, @Context HttpHeaders headers) {
        return labelValues(name, null, uri, headers);
    }

    @POST
    @Path("/label/{name}/values")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> labelValuesForm(@RestPath String name, MultivaluedMap<String, String> form, @Context UriInfo uri, @Context HttpHeaders headers) {
        return labelValues(name, form, uri, headers);
    }

    @GET
    @Path("/series")
    @Operation(summary = "Loki's series, each match[] scoped")
    public Uni<Response> series(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("series", Scoping.SERIES_MATCHERS, null, uri, headers);
    }

    @POST
    @Path("/series")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> seriesForm(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context HttpHeaders headers) {
        return read("series", Scoping.SERIES_MATCHERS, form, uri, headers);
    }

    @GET
    @Path("/index/stats")
    @Operation(summary = "Loki's index statistics (streams, chunks, entries, bytes) of a scoped selector")
    public Uni<Response> indexStats(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("index/stats", Scoping.OPTIONAL_SELECTOR, null, uri, headers);
    }

    @GET
    @Path("/index/volume")
    @Operation(summary = "Loki's log volume by label of a scoped selector")
    public Uni<Response> indexVolume(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("index/volume", Scoping.OPTIONAL_SELECTOR, null, uri, headers);
    }

    @GET
    @Path("/index/volume_range")
    @Operation(summary = "Loki's log volume over time of a scoped selector")
    public Uni<Response> indexVolumeRange(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("index/volume_range", Scoping.OPTIONAL_SELECTOR, null, uri, headers);
    }

    @GET
    @Path("/detected_fields")
    @Operation(summary = "Loki's detected fields of a scoped query")
    public Uni<Response> detectedFields(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("detected_fields", Scoping.LOGQL, null, uri, headers);
    }

    @GET
    @Path("/detected_field/{name}/values")
    @Operation(summary = "Loki's values of one detected field of a scoped query")
    public Uni<Response> detectedFieldValues(@RestPath String name, @Context UriInfo uri, @Context HttpHeaders headers) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            return Uni.createFrom().item(plain(LokiReadApi.text(400, "invalid field name: " + name)).build());
        }
        return read("detected_field/" + name + "/values", Scoping.LOGQL, null, uri, headers);
    }

    @GET
    @Path("/detected_labels")
    @Operation(summary = "Loki's detected labels of a scoped selector")
    public Uni<Response> detectedLabels(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("detected_labels", Scoping.OPTIONAL_SELECTOR, null, uri, headers);
    }

    @GET
    @Path("/patterns")
    @Operation(summary = "Loki's detected patterns of a scoped query")
    public Uni<Response> patterns(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("patterns", Scoping.LOGQL, null, uri, headers);
    }

    @GET
    @Path("/format_query")
    @Operation(summary = "Loki's formatting of a query (reads no logs)")
    public Uni<Response> formatQuery(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("format_query", Scoping.NONE, null, uri, headers);
    }

    @POST
    @Path("/format_query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> formatQueryForm(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context HttpHeaders headers) {
        return read("format_query", Scoping.NONE, form, uri, headers);
    }

    @GET
    @Path("/status/buildinfo")
    @Operation(summary = "Loki's version, which Grafana reads to know what Loki can do")
    public Uni<Response> buildInfo(@Context UriInfo uri, @Context HttpHeaders headers) {
        return read("status/buildinfo", Scoping.NONE, null, uri, headers);
    }

    @POST
    @Path("/push")
    @Operation(summary = "Refused (405): this is a read API; logs are pushed to Loki by the collector")
    public Response push() {
        return plain(LokiReadApi.text(405, "this service serves Loki's read API only; the collector pushes logs to Loki"))
                .header(HttpHeaders.ALLOW, "").build();
    }

    @GET
    @Path("/delete")
    @Operation(summary = "Refused (403): deletion requests go to Loki itself, by an operator")
    public Response deletionsList() {
        return refusedDeletion();
    }

    @POST
    @Path("/delete")
    public Response deletionsCreate() {
        return refusedDeletion();
    }

    @DELETE
    @Path("/delete")
    public Response deletionsCancel() {
        return refusedDeletion();
    }

    private static Response refusedDeletion() {
        return plain(LokiReadApi.text(403, "log deletion is not served here; an operator sends it to Loki itself")).build();
    }

    private Uni<Response> labelValues(String name, MultivaluedMap<String, String> form, UriInfo uri, HttpHeaders headers) {
        try {
            Names.requireLabelName(name);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(plain(LokiReadApi.text(400, "invalid label name: " + e.getMessage())).build());
        }
        return read("label/" + name + "/values", Scoping.OPTIONAL_SELECTOR, form, uri, headers);
    }

    private Uni<Response> read(String endpoint, Scoping scoping, MultivaluedMap<String, String> form, UriInfo uri, HttpHeaders headers) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        List<MultivaluedMap<String, String>> sources = form == null ? List.of(query) : List.of(query, form);
        return api.read(endpoint, scoping, sources, headers).map(answer -> plain(answer).build());
    }

    private static Response.ResponseBuilder plain(RawAnswer answer) {
        return Response.status(answer.status()).header(HttpHeaders.CONTENT_TYPE, answer.contentType()).entity(answer.body());
    }
}
