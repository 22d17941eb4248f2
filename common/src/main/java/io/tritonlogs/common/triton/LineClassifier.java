package io.tritonlogs.common.triton;

/**
 * Decides, line by line in stream order, whether a line starts a record, continues the entry
 * above it, or is another program's line. One instance per stream; not thread-safe.
 *
 * <p>Continuations: table lines ({@code +}, {@code |}), indented lines, blank lines inside an
 * entry (a table ends with one in older releases), every line after a record whose message is
 * empty or a heading ending in {@code :} up to the next record, and the body of a Python
 * traceback through its final exception line.
 */
public final class LineClassifier {

    private static final String TRACEBACK = "Traceback (most recent call last):";

    private final TritonLineParser parser;
    private boolean hasEntry;
    private boolean afterHeading;
    private boolean inTraceback;

    public LineClassifier(TritonLineParser parser) {
        this.parser = parser;
    }

    public ParsedLine classify(String line) {
        ParsedLine parsed = parser.parse(line);
        if (parsed.kind() == LineKind.RECORD) {
            hasEntry = true;
            inTraceback = false;
            afterHeading = isHeading(parsed);
            return parsed;
        }
        if (hasEntry && continues(line)) {
            return parsed.withKind(LineKind.CONTINUATION);
        }
        hasEntry = true;
        afterHeading = false;
        inTraceback = line.startsWith(TRACEBACK);
        return parsed;
    }

    /** Forget the context, e.g. after a flush timeout or when a stream restarts. */
    public void reset() {
        hasEntry = false;
        afterHeading = false;
        inTraceback = false;
    }

    private boolean continues(String line) {
        if (line.isEmpty()) {
            return true;
        }
        char first = line.charAt(0);
        if (first == '+' || first == '|' || first == ' ' || first == '\t') {
            return true;
        }
        if (afterHeading) {
            return true;
        }
        if (inTraceback) {
            inTraceback = false; // the exception line closes the traceback
            return true;
        }
        return false;
    }

    private static boolean isHeading(ParsedLine record) {
        int start = record.messageStart();
        int end = record.messageEnd();
        String line = record.line();
        if (record.quoted()) {
            start++;
            end--;
        }
        while (end > start && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        // Quoted headings keep their newline escape: "model config:\n".
        if (record.quoted() && end - start >= 2 && line.charAt(end - 1) == 'n' && line.charAt(end - 2) == '\\') {
            end -= 2;
        }
        return end == start || line.charAt(end - 1) == ':';
    }
}
