package io.tritonlogs.common.logql.ast;

/** A byte size as written ({@code 10KB}, {@code 1.5MiB}) and its value in bytes. */
public record BytesValue(String text, long bytes) {

    public BytesValue {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a byte size needs its text");
        }
    }
}
