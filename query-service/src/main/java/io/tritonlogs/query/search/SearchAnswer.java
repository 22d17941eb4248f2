package io.tritonlogs.query.search;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The answer of a search: the LogQL that ran, the range and paging used, and the entries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchAnswer(String query, String preset, String start, String end, int limit, String direction, List<LogEntry> entries) {

    public SearchAnswer {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
