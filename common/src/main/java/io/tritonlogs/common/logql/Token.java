package io.tritonlogs.common.logql;

import java.time.Duration;

/**
 * One token. {@code value} is the keyword or function name in lower case, a string's unescaped
 * value, or a range's text between the brackets; {@code duration} and {@code bytes} hold parsed
 * durations, ranges and byte sizes.
 */
record Token(TokenKind kind, String text, String value, int start, int end, Duration duration, long bytes) {

    boolean is(TokenKind k) {
        return kind == k;
    }

    boolean isKeyword(String keyword) {
        return kind == TokenKind.KEYWORD && value.equals(keyword);
    }

    /** How an error message names this token. */
    String describe() {
        if (kind == TokenKind.EOF) {
            return "the end of the query";
        }
        String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
        shown = shown.replace("\n", "\\n");
        return kind == TokenKind.STRING ? shown : "\"" + shown + "\"";
    }
}
