package io.tritonlogs.query.rest;

import io.tritonlogs.query.search.SearchFilters;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

/** The query parameters shared by /logs, /logs/errors, /logs/warnings, /tail and /presets/{name}. */
public class SearchParams {

    @RestQuery
    @Parameter(description = "container label, exact")
    public String container;

    @RestQuery
    @Parameter(description = "service label, exact")
    public String service;

    @RestQuery
    @Parameter(description = "namespace label, exact (Kubernetes)")
    public String namespace;

    @RestQuery
    @Parameter(description = "pod label, exact (Kubernetes)")
    public String pod;

    @RestQuery
    @Parameter(description = "level label: INFO, WARNING, ERROR, FATAL, VERBOSE, UNKNOWN; repeatable or comma-separated")
    public List<String> level;

    @RestQuery
    @Parameter(description = "model_name label, exact")
    public String model;

    @RestQuery
    @Parameter(description = "lines containing this text (case-sensitive); repeatable")
    public List<String> contains;

    @RestQuery
    @Parameter(description = "lines not containing this text; repeatable")
    public List<String> excludes;

    @RestQuery
    @Parameter(description = "lines matching this RE2 regular expression")
    public String regex;

    @RestQuery
    @Parameter(description = "how far back from end, a duration such as 15m, 1h, 2d (default 1h); or give start")
    public String since;

    @RestQuery
    @Parameter(description = "RFC 3339 time or Unix seconds / milliseconds / nanoseconds")
    public String start;

    @RestQuery
    @Parameter(description = "RFC 3339 time or Unix seconds / milliseconds / nanoseconds (default now)")
    public String end;

    @RestQuery
    @Parameter(description = "most entries returned (default 100, at most query.limits.max-limit)")
    public String limit;

    @RestQuery
    @Parameter(description = "backward (newest first, default) or forward")
    public String direction;

    public SearchFilters filters() {
        return new SearchFilters(container, service, namespace, pod, level, model, contains, excludes, regex);
    }
}
