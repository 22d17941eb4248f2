package io.tritonlogs.query.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.tritonlogs.common.logql.LogqlParser;
import io.tritonlogs.common.logql.ParseResult;
import io.tritonlogs.common.testing.LokiQueryStandIn;

import java.util.Objects;

/**
 * Serves a recorded Loki answer to requests whose LogQL is the recorded request's LogQL up to
 * spelling: common's printer writes {@code {…} [5m]} where the recording has {@code {…}[5m]}, and
 * both parse to the same AST. Tests still assert the exact text the service sent.
 */
public final class Replays {

    private Replays() {
    }

    public static void replaySameLogql(LokiQueryStandIn loki, String fixture) {
        JsonNode request = LokiQueryStandIn.recordedRequest(fixture);
        String path = request.path("path").asText();
        ParseResult recorded = LogqlParser.parse(request.path("params").path("query").asText());
        loki.answer(r -> r.path().equals(path) && r.query() != null && Objects.equals(LogqlParser.parse(r.query()), recorded),
                LokiQueryStandIn.recorded(fixture));
    }
}
