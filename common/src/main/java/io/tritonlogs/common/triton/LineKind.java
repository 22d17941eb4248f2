package io.tritonlogs.common.triton;

/** How a physical line relates to the log entries of its stream. */
public enum LineKind {
    /** Starts with a Triton preamble: begins a new entry. */
    RECORD,
    /** Belongs to the entry above it (table rows, indented text, dumps after a heading). */
    CONTINUATION,
    /** Another program's output: an entry of its own. */
    FOREIGN
}
