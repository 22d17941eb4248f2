package io.tritonlogs.common.logql;

/**
 * Why a query was rejected and where. {@code line} and {@code column} are 1-based and count
 * characters (Unicode code points, as an editor shows them); {@code offset} is the 0-based index in
 * the Java string. {@code expected} and {@code found} are null when the fault is not a grammar
 * mismatch (a bad regex, a missing parameter...). {@code message} is the whole sentence for people,
 * position included, e.g. {@code line 1, column 14: expected a label matcher operator (=, !=, =~, !~) but found "=="}.
 */
public record ParseError(String message, int line, int column, int offset, String expected, String found) {

    /** The message without its {@code line L, column C: } prefix. */
    public String reason() {
        int colon = message.indexOf(": ");
        return colon >= 0 && message.startsWith("line ") ? message.substring(colon + 2) : message;
    }

    static ParseError at(String query, int offset, String reason, String expected, String found) {
        int line = 1;
        int column = 1;
        int end = Math.min(offset, query.length());
        for (int i = 0; i < end; ) {
            int cp = query.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new ParseError("line " + line + ", column " + column + ": " + reason, line, column, offset, expected, found);
    }
}
