package io.tritonlogs.common.loki;

import java.util.List;

/** The entries of one stream in a push request. */
public record PushStream(LabelSet labels, List<PushEntry> entries) {

    public PushStream {
        if (labels == null) {
            throw new IllegalArgumentException("a stream needs labels");
        }
        entries = entries == null ? List.of() : entries;
    }
}
