package io.tritonlogs.common.triton;

import io.tritonlogs.common.loki.Label;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The high-cardinality fields of a Triton record, which belong in Loki 3's structured metadata
 * rather than in labels: the request id of {@code [request id: 42] …} and the model version of
 * {@code loading: NAME:1}, {@code failed to load 'NAME' version 1: …},
 * {@code TRITONBACKEND_ModelInitialize: NAME (version 1)}. Searches the raw message (escaped
 * messages carry these parts unescaped); allocates only the returned strings. Thread-safe.
 */
public final class RecordFields {

    private static final String REQUEST_ID = "[request id: ";
    private static final String UNKNOWN_ID = "<id_unknown>";
    private static final String VERSION = "version ";
    private static final String LOADING = "loading: ";
    private static final int MAX_LENGTH = 128;

    private RecordFields() {
    }

    /**
     * Loki 3 structured metadata for an entry whose first line is {@code head}: {@code pid} and
     * {@code source} ({@code file:line}) of a Triton preamble, {@code request_id} (a client's
     * string, so passed through {@code redact}) and {@code model_version} when the message names
     * them. Empty for lines without a Triton preamble.
     */
    public static List<Label> structuredMetadata(ParsedLine head, UnaryOperator<String> redact) {
        if (!head.hasTritonPreamble()) {
            return List.of();
        }
        List<Label> labels = new ArrayList<>(4);
        if (head.threadId() >= 0) {
            labels.add(new Label("pid", Long.toString(head.threadId())));
        }
        String source = head.source();
        if (source != null) {
            labels.add(new Label("source", source));
        }
        String requestId = requestId(head);
        if (requestId != null) {
            labels.add(new Label("request_id", redact.apply(requestId)));
        }
        String version = modelVersion(head);
        if (version != null) {
            labels.add(new Label("model_version", version));
        }
        return labels;
    }

    /** The request id the record names ({@code [request id: 42] } opens Triton's message), or {@code null} (also for {@code <id_unknown>}). */
    public static String requestId(ParsedLine line) {
        String text = line.line();
        int start = line.messageStart() + (line.quoted() ? 1 : 0);
        if (!text.startsWith(REQUEST_ID, start)) {
            return null;
        }
        start += REQUEST_ID.length();
        int end = text.indexOf(']', start);
        if (end <= start || end > line.messageEnd() || end - start > MAX_LENGTH || text.startsWith(UNKNOWN_ID, start)) {
            return null;
        }
        return text.substring(start, end);
    }

    /** The model version the record names, or {@code null}. */
    public static String modelVersion(ParsedLine line) {
        String text = line.line();
        int from = line.messageStart();
        int to = line.messageEnd();
        for (int at = indexOf(text, VERSION, from, to); at >= 0; at = indexOf(text, VERSION, at + 1, to)) {
            boolean afterName = (at >= from + 2 && text.charAt(at - 1) == ' ' && text.charAt(at - 2) == '\'') // 'NAME' version N
                    || (at >= from + 1 && text.charAt(at - 1) == '(');                                           // (version N)
            String digits = afterName ? digitsAt(text, at + VERSION.length(), to) : null;
            if (digits != null) {
                return digits;
            }
        }
        int at = indexOf(text, LOADING, from, to); // "loading: NAME:N" and "unloading: NAME:N"
        if (at >= 0) {
            int nameEnd = at + LOADING.length();
            while (nameEnd < to && isNameChar(text.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd < to && text.charAt(nameEnd) == ':') {
                return digitsAt(text, nameEnd + 1, to);
            }
        }
        return null;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    }

    private static String digitsAt(String text, int start, int to) {
        int end = start;
        while (end < to && end - start < 19 && Digits.is(text.charAt(end))) {
            end++;
        }
        return end == start ? null : text.substring(start, end);
    }

    private static int indexOf(String text, String needle, int from, int to) {
        int at = text.indexOf(needle, from);
        return at >= 0 && at + needle.length() <= to ? at : -1;
    }
}
