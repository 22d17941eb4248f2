package io.tritonlogs.common.logql;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import io.tritonlogs.common.logql.ast.Names;

/**
 * Turns a query into tokens the way Loki's lexer does, including its quirks: keywords in any case;
 * function names ({@code rate}, {@code sum}, {@code bytes}...) are names unless a {@code (} or
 * {@code by (}/{@code without (} follows; a number directly followed by a unit is a duration
 * ({@code 5m}) or a byte size ({@code 10KB}); {@code -} directly followed by a duration is a negative
 * duration; the text inside {@code [...]} is read whole as a range; {@code #} starts a comment.
 */
final class Lexer {

    private static final Set<String> FUNCTIONS = Set.of(
            "rate", "rate_counter", "count_over_time", "bytes_rate", "bytes_over_time", "avg_over_time", "sum_over_time",
            "min_over_time", "max_over_time", "stdvar_over_time", "stddev_over_time", "quantile_over_time",
            "first_over_time", "last_over_time", "absent_over_time", "vector", "sum", "avg", "max", "min", "count",
            "stddev", "stdvar", "bottomk", "topk", "sort", "sort_desc", "approx_topk", "label_replace",
            "bytes", "duration", "duration_seconds", "ip");

    private final String src;
    private int pos;

    Lexer(String src) {
        this.src = src;
    }

    Token next() {
        skipSpaceAndComments();
        if (pos >= src.length()) {
            return token(TokenKind.EOF, pos, pos, "");
        }
        int start = pos;
        char c = src.charAt(pos);
        if (c == '"' || c == '`') {
            return string(c);
        }
        if (isDigit(c) || (c == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
            return number();
        }
        int cp = src.codePointAt(pos);
        if (cp == '_' || Character.isLetter(cp)) {
            return word();
        }
        pos++;
        char n = pos < src.length() ? src.charAt(pos) : 0;
        return switch (c) {
            case '{' -> token(TokenKind.LBRACE, start);
            case '}' -> token(TokenKind.RBRACE, start);
            case '(' -> token(TokenKind.LPAREN, start);
            case ')' -> token(TokenKind.RPAREN, start);
            case ',' -> token(TokenKind.COMMA, start);
            case '.' -> token(TokenKind.DOT, start);
            case '[' -> range(start);
            case '=' -> n == '~' ? two(TokenKind.RE, start) : n == '=' ? two(TokenKind.CMP_EQ, start) : token(TokenKind.EQ, start);
            case '!' -> n == '=' ? two(TokenKind.NEQ, start) : n == '~' ? two(TokenKind.NRE, start)
                    : n == '>' ? two(TokenKind.NPA, start) : token(TokenKind.OTHER, start);
            case '|' -> n == '=' ? two(TokenKind.PIPE_EXACT, start) : n == '~' ? two(TokenKind.PIPE_MATCH, start)
                    : n == '>' ? two(TokenKind.PIPE_PATTERN, start) : token(TokenKind.PIPE, start);
            case '>' -> n == '=' ? two(TokenKind.GTE, start) : token(TokenKind.GT, start);
            case '<' -> n == '=' ? two(TokenKind.LTE, start) : token(TokenKind.LT, start);
            case '+' -> token(TokenKind.ADD, start);
            case '-' -> minus(start);
            case '*' -> token(TokenKind.MUL, start);
            case '/' -> token(TokenKind.DIV, start);
            case '%' -> token(TokenKind.MOD, start);
            case '^' -> token(TokenKind.POW, start);
            default -> {
                pos = start + Character.charCount(cp);
                yield token(TokenKind.OTHER, start);
            }
        };
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token word() {
        int start = pos;
        while (pos < src.length()) {
            int cp = src.codePointAt(pos);
            if (cp == '_' || Character.isLetter(cp) || Character.isDigit(cp)) {
                pos += Character.charCount(cp);
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        String lower = text.toLowerCase(Locale.ROOT);
        if (FUNCTIONS.contains(lower)) {
            return new Token(functionFollows() ? TokenKind.FUNCTION : TokenKind.IDENT, text, lower, start, pos, null, 0);
        }
        if (Names.isReserved(lower)) {
            return new Token(TokenKind.KEYWORD, text, lower, start, pos, null, 0);
        }
        return new Token(TokenKind.IDENT, text, text, start, pos, null, 0);
    }

    /** Loki's {@code isFunction}: after spaces, a {@code (}, or {@code by}/{@code without} then spaces and {@code (}. */
    private boolean functionFollows() {
        int i = skipSpaces(pos);
        if (i < src.length() && src.charAt(i) == '(') {
            return true;
        }
        for (String grouping : new String[] {"by", "without"}) {
            if (src.regionMatches(true, i, grouping, 0, grouping.length())) {
                int after = skipSpaces(i + grouping.length());
                return after < src.length() && src.charAt(after) == '(';
            }
        }
        return false;
    }

    private int skipSpaces(int i) {
        while (i < src.length() && " \t\n\r".indexOf(src.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private Token number() {
        int start = pos;
        if (src.charAt(pos) == '0' && pos + 1 < src.length() && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
            pos += 2;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            throw failure(start, "hexadecimal, octal and binary numbers are not supported: write " + "a decimal number", null,
                    "\"" + src.substring(start, pos) + "\"");
        }
        pos = digits(pos);
        if (pos < src.length() && src.charAt(pos) == '.') {
            pos = digits(pos + 1);
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int e = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            int exponent = pos;
            pos = digits(pos);
            if (pos == exponent) {
                throw failure(e, "the exponent of number \"" + src.substring(start, pos) + "\" has no digits", null, null);
            }
        }
        checkSeparators(start, pos);
        String number = src.substring(start, pos);
        if (number.indexOf('_') >= 0 && pos < src.length() && Character.isLetter(src.charAt(pos))) {
            throw failure(start, "'_' digit separators are allowed in numbers, not in durations or byte sizes such as \""
                    + number + src.charAt(pos) + "\"", null, null);
        }
        Token unit = durationOrBytes(start, number);
        return unit != null ? unit : token(TokenKind.NUMBER, start, pos, number);
    }

    /** Digits and Go's {@code _} digit separators from {@code i}: where the digits end. */
    private int digits(int i) {
        while (i < src.length() && (isDigit(src.charAt(i)) || src.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    /** As Go's scanner, which Loki lexes with: {@code 1_000} is a number, {@code 1__0}, {@code 1_} and {@code 1._5} are not. */
    private void checkSeparators(int start, int end) {
        for (int i = start; i < end; i++) {
            if (src.charAt(i) == '_' && (i == start || !isDigit(src.charAt(i - 1)) || i + 1 >= end || !isDigit(src.charAt(i + 1)))) {
                throw failure(start, "'_' must separate successive digits in number \"" + src.substring(start, end) + "\"", null, null);
            }
        }
    }

    /** Loki's tryScanDuration then tryScanBytes: extends a number with the unit characters that follow it. */
    private Token durationOrBytes(int start, String number) {
        int end = run(pos, "numsµhdwy.");
        if (end > pos) {
            String text = number + src.substring(pos, end);
            Duration duration = Durations.parseLoki(text);
            if (duration != null) {
                pos = end;
                return new Token(TokenKind.DURATION, text, text, start, end, duration, 0);
            }
        }
        end = run(pos, "BikKMGTP.");
        if (end > pos && !number.startsWith("-")) {
            String text = number + src.substring(pos, end);
            long bytes = ByteSizes.parse(text);
            if (bytes >= 0) {
                pos = end;
                return new Token(TokenKind.BYTES, text, text, start, end, null, bytes);
            }
        }
        return null;
    }

    private int run(int from, String unitChars) {
        int i = from;
        while (i < src.length() && (isDigit(src.charAt(i)) || unitChars.indexOf(src.charAt(i)) >= 0)) {
            i++;
        }
        return i;
    }

    private Token minus(int start) {
        if (pos < src.length() && src.charAt(pos) == '-') {
            int end = pos + 1;
            while (end < src.length() && (Character.isLetter(src.charAt(end)) || src.charAt(end) == '-')) {
                end++;
            }
            String flag = src.substring(start, end);
            if (flag.equals("--strict") || flag.equals("--keep-empty")) {
                pos = end;
                return token(TokenKind.FLAG, start, end, flag);
            }
            if (flag.length() > 2) {
                throw failure(start, "unknown parser flag " + flag + " (logfmt knows --strict and --keep-empty)", null, "\"" + flag + "\"");
            }
        }
        Token duration = durationOrBytes(start, "-");
        return duration != null ? duration : token(TokenKind.SUB, start);
    }

    private Token range(int start) {
        int close = src.indexOf(']', pos);
        if (close < 0) {
            throw failure(start, "missing ] to close the range", "]", "the end of the query");
        }
        String text = src.substring(pos, close);
        Duration duration = Durations.parsePrometheus(text);
        if (duration == null) {
            throw failure(start, "invalid range [" + text + "]: write a duration such as [5m], [1h30m] or [500ms]"
                    + " (units y, w, d, h, m, s, ms, largest first)", "a duration", "\"" + text + "\"");
        }
        pos = close + 1;
        return new Token(TokenKind.RANGE, src.substring(start, pos), text, start, pos, duration, 0);
    }

    private Token string(char quote) {
        int start = pos;
        int i = pos + 1;
        while (true) {
            if (i >= src.length() || (quote == '"' && src.charAt(i) == '\n')) {
                throw failure(start, "this string is never closed with " + quote, String.valueOf(quote),
                        i >= src.length() ? "the end of the query" : "a line break");
            }
            char c = src.charAt(i);
            if (c == quote) {
                break;
            }
            i += c == '\\' && quote == '"' ? 2 : 1;
        }
        String body = src.substring(start + 1, i);
        pos = i + 1;
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && k + 1 < body.length()
                    && Character.isLowSurrogate(body.charAt(k + 1)) && k++ >= 0)) {
                throw failure(start + 1 + k, "the string holds a lone UTF-16 surrogate, which is not valid UTF-8", null, null);
            }
        }
        String value;
        try {
            value = quote == '`' ? body : StringLiterals.unquoteBody(body);
        } catch (StringLiterals.BadEscape e) {
            throw failure(start + 1 + e.offset, e.getMessage(), null, null);
        }
        return new Token(TokenKind.STRING, src.substring(start, pos), value, start, pos, null, 0);
    }

    private Token two(TokenKind kind, int start) {
        pos = start + 2;
        return token(kind, start);
    }

    private Token token(TokenKind kind, int start) {
        return token(kind, start, pos, src.substring(start, pos));
    }

    private Token token(TokenKind kind, int start, int end, String text) {
        return new Token(kind, text, text, start, end, null, 0);
    }

    private ParseFailure failure(int offset, String reason, String expected, String found) {
        return new ParseFailure(ParseError.at(src, offset, reason, expected, found));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
