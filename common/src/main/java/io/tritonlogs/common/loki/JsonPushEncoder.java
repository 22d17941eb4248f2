package io.tritonlogs.common.loki;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes the JSON form of a Loki push ({@code Content-Type: application/json}):
 * {@code {"streams":[{"stream":{...},"values":[["<ns>","<line>"],...]}]}}, entries sorted per
 * stream. For peers that do not take protobuf and for debugging; thread-safe.
 */
public final class JsonPushEncoder {

    public byte[] encode(List<PushStream> streams) {
        return encodeToString(streams).getBytes(StandardCharsets.UTF_8);
    }

    public String encodeToString(List<PushStream> streams) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"streams\":[");
        for (int s = 0; s < streams.size(); s++) {
            PushStream stream = streams.get(s);
            if (s > 0) {
                out.append(',');
            }
            out.append("{\"stream\":{");
            List<Label> labels = stream.labels().labels();
            for (int i = 0; i < labels.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                Json.appendString(out, labels.get(i).name());
                out.append(':');
                Json.appendString(out, labels.get(i).value());
            }
            out.append("},\"values\":[");
            List<PushEntry> entries = EntryOrder.sorted(stream.entries());
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append("[\"").append(entries.get(i).timestampNanos()).append("\",");
                Json.appendString(out, entries.get(i).line());
                out.append(']');
            }
            out.append("]}");
        }
        return out.append("]}").toString();
    }
}
