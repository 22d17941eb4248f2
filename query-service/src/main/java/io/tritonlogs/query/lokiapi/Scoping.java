package io.tritonlogs.query.lokiapi;

/** How an endpoint of Loki's read API says which streams it reads, and so how a token's scope is forced into it. */
enum Scoping {
    /** {@code query} is LogQL that must be given: every stream selector gets the forced matchers. */
    LOGQL,
    /** {@code query} is an optional selector narrowing the answer: forced into it, or it becomes the forced selector. */
    OPTIONAL_SELECTOR,
    /** {@code match[]} selectors (repeatable, optional): forced into each, or the forced selector alone. */
    SERIES_MATCHERS,
    /** Reads no logs ({@code format_query}, {@code status/buildinfo}): passed on as it is. */
    NONE
}
