package io.tritonlogs.query.rest;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.tritonlogs.query.config.QueryConfig;
import io.tritonlogs.query.loki.LokiTail;
import io.tritonlogs.query.loki.TailEvent;
import io.tritonlogs.query.search.EntryShaper;
import io.tritonlogs.query.search.LogEntry;
import io.tritonlogs.query.search.Paging;
import io.tritonlogs.query.search.QueryRunner;
import io.tritonlogs.query.search.StructuredQueries;
import io.tritonlogs.query.time.TimeParser;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;

/** Live entries as server-sent events: {@code entry} events carry one entry as JSON, {@code dropped} events a count. */
@Path("/api/v1/tail")
public class TailResource {

    private final StructuredQueries queries;
    private final QueryRunner runner;
    private final LokiTail tail;
    private final EntryShaper shaper;
    private final TimeParser time;
    private final Paging paging;
    private final QueryConfig.Tail config;

    TailResource(StructuredQueries queries, QueryRunner runner, LokiTail tail, EntryShaper shaper, TimeParser time, Paging paging,
                 QueryConfig config) {
        this.queries = queries;
        this.runner = runner;
        this.tail = tail;
        this.shaper = shaper;
        this.time = time;
        this.paging = paging;
        this.config = config.tail();
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow new entries live (same filters as /logs; since/start say how far back to begin)")
    public Multi<OutboundSseEvent> tail(@BeanParam SearchParams params, @Context Sse sse) {
        String query = runner.prepare(queries.logs(params.filters()));
        int limit = paging.limit(params.limit);
        Instant start = params.start != null && !params.start.isBlank() || params.since != null && !params.since.isBlank()
                ? time.range(params.start, null, params.since).start()
                : time.now().minus(config.defaultSince());
        return tail.open(query, start, limit, config.delayFor()).map(event -> {
            if (event instanceof TailEvent.Entry e) {
                return sse.newEventBuilder().name("entry").mediaType(MediaType.APPLICATION_JSON_TYPE).data(LogEntry.class, shaper.entry(e)).build();
            }
            if (event instanceof TailEvent.Ended ended) {
                return sse.newEventBuilder().name("error").mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, ended.reason()).build();
            }
            return sse.newEventBuilder().name("dropped").mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(Integer.class, ((TailEvent.Dropped) event).count()).build();
        });
    }
}
