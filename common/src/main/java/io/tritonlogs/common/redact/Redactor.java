package io.tritonlogs.common.redact;

import java.util.List;
import java.util.regex.Matcher;

/**
 * Masks secrets in log text before it leaves the machine. Built in: {@code KEY=value} for secret
 * key names (the guide's {@code (password|token|key)=\S+}, without its bug of keeping the secret),
 * JSON {@code "KEY": "value"}, {@code Bearer <token>}, {@code Authorization: <scheme> <credentials>}
 * and {@code scheme://user:password@host}. Values become {@value #MASK}; the key stays, so the line
 * still says what was there.
 *
 * <p>Each built-in rule looks for an anchor with {@link String#indexOf}, so a line without any
 * {@code =}, {@code ":}, {@code earer}, {@code uthorization} or {@code ://} costs a few fast scans
 * and no allocation: the same string comes back. Thread-safe.
 */
public final class Redactor {

    public static final String MASK = "***REDACTED***";

    private final String[] secretKeys;
    private final RedactionConfig config;

    public Redactor(RedactionConfig config) {
        this.config = config;
        this.secretKeys = config.secretKeys().toArray(String[]::new);
    }

    public static Redactor withDefaults() {
        return new Redactor(RedactionConfig.DEFAULT);
    }

    /** The text with every secret masked; the same instance when nothing matched. */
    public String redact(String text) {
        String s = text;
        if (secretKeys.length > 0) {
            s = keyValues(s);
            s = jsonKeys(s);
        }
        if (config.bearerTokens()) {
            s = bearerTokens(s);
        }
        if (config.authorizationHeaders()) {
            s = authorizationHeaders(s);
        }
        if (config.urlCredentials()) {
            s = urlCredentials(s);
        }
        for (RedactionRule rule : config.extraRules()) {
            s = extraRule(rule, s);
        }
        return s;
    }

    /** One configured rule: its pattern was compiled and its replacement checked at start ({@link RedactionRule#of}). */
    private static String extraRule(RedactionRule rule, String s) {
        Matcher matcher = rule.pattern().matcher(s);
        if (!matcher.find()) {
            return s;
        }
        try {
            return matcher.replaceAll(rule.replacement());
        } catch (RuntimeException e) {
            // A rule built without RedactionRule.of and a bad group reference: mask the whole match
            // rather than let the secret (or the line) through.
            return matcher.reset().replaceAll(MASK);
        }
    }

    private String keyValues(String s) {
        Splice splice = null;
        int length = s.length();
        for (int eq = s.indexOf('='); eq >= 0 && eq + 1 < length; eq = s.indexOf('=', eq + 1)) {
            int keyStart = eq;
            while (keyStart > 0 && isKeyChar(s.charAt(keyStart - 1))) {
                keyStart--;
            }
            if (keyStart == eq || !isSecretKey(s, keyStart, eq)) {
                continue;
            }
            boolean urlParameter = keyStart > 0 && (s.charAt(keyStart - 1) == '?' || s.charAt(keyStart - 1) == '&');
            long span = valueSpan(s, eq + 1, urlParameter);
            int start = (int) (span >>> 32);
            int end = (int) span;
            if (end > start) {
                splice = Splice.mask(splice, s, start, end);
                eq = end - 1;
            }
        }
        return Splice.result(splice, s);
    }

    private String jsonKeys(String s) {
        Splice splice = null;
        for (int q = s.indexOf("\":"); q >= 0; q = s.indexOf("\":", q + 2)) {
            if (q == 0) {
                continue;
            }
            boolean escaped = s.charAt(q - 1) == '\\';
            int keyEnd = escaped ? q - 1 : q;
            int open = escaped ? s.lastIndexOf("\\\"", keyEnd - 1) : s.lastIndexOf('"', keyEnd - 1);
            int keyStart = open + (escaped ? 2 : 1);
            if (open < 0 || keyStart >= keyEnd || !allKeyChars(s, keyStart, keyEnd) || !isSecretKey(s, keyStart, keyEnd)) {
                continue;
            }
            int v = q + 2;
            while (v < s.length() && s.charAt(v) == ' ') {
                v++;
            }
            int start;
            int end;
            if (escaped && s.startsWith("\\\"", v)) {
                start = v + 2;
                end = s.indexOf("\\\"", start);
            } else if (!escaped && v < s.length() && s.charAt(v) == '"') {
                start = v + 1;
                end = closingQuote(s, start, '"');
            } else {
                start = v;
                end = v;
                while (end < s.length() && ",}] \t\"\\".indexOf(s.charAt(end)) < 0) {
                    end++;
                }
            }
            if (end > start) {
                splice = Splice.mask(splice, s, start, end);
                q = end;
            }
        }
        return Splice.result(splice, s);
    }

    private static String bearerTokens(String s) {
        Splice splice = null;
        for (int anchor = nextAnchor(s, "earer ", "EARER ", 1); anchor > 0;
                anchor = nextAnchor(s, "earer ", "EARER ", anchor + 6)) {
            int word = anchor - 1;
            char b = s.charAt(word);
            if ((b != 'b' && b != 'B') || (word > 0 && Character.isLetterOrDigit(s.charAt(word - 1)))) {
                continue;
            }
            int start = anchor + 6;
            while (start < s.length() && s.charAt(start) == ' ') {
                start++;
            }
            int end = tokenEnd(s, start);
            if (end > start && !s.startsWith(MASK, start)) {
                splice = Splice.mask(splice, s, start, end);
                anchor = end;
            }
        }
        return Splice.result(splice, s);
    }

    private static String authorizationHeaders(String s) {
        Splice splice = null;
        for (int anchor = nextAnchor(s, "uthorization", "UTHORIZATION", 1); anchor > 0;
                anchor = nextAnchor(s, "uthorization", "UTHORIZATION", anchor + 12)) {
            char a = s.charAt(anchor - 1);
            int colon = anchor + 12;
            if (a != 'a' && a != 'A') {
                continue;
            }
            if (colon < s.length() && s.charAt(colon) == '"') {
                colon++; // "Authorization": "…"
            }
            if (colon >= s.length() || s.charAt(colon) != ':') {
                continue;
            }
            int start = colon + 1;
            while (start < s.length() && (s.charAt(start) == ' ' || s.charAt(start) == '"')) {
                start++;
            }
            int schemeEnd = start;
            while (schemeEnd < s.length() && Character.isLetter(s.charAt(schemeEnd))) {
                schemeEnd++;
            }
            if (schemeEnd > start && schemeEnd < s.length() && s.charAt(schemeEnd) == ' ') {
                start = schemeEnd + 1; // keep "Basic" or "Bearer": it tells the reader what was sent
            }
            int end = tokenEnd(s, start);
            if (end > start && !s.startsWith(MASK, start)) {
                splice = Splice.mask(splice, s, start, end);
                anchor = end;
            }
        }
        return Splice.result(splice, s);
    }

    private static String urlCredentials(String s) {
        Splice splice = null;
        for (int p = s.indexOf("://"); p >= 0; p = s.indexOf("://", p + 3)) {
            int start = p + 3;
            int end = start;
            while (end < s.length() && " \t\"'<>".indexOf(s.charAt(end)) < 0) {
                end++;
            }
            // The first '@' ends the user info; a password may itself hold '/', so do not stop at it.
            int at = s.indexOf('@', start);
            if (at < 0 || at >= end) {
                continue;
            }
            int colon = s.indexOf(':', start);
            boolean hasPassword = colon >= 0 && colon < at && s.lastIndexOf('/', colon) < start;
            if (!hasPassword && s.lastIndexOf('/', at) >= start) {
                continue; // https://host/path@x: no user info
            }
            int maskStart = hasPassword ? colon + 1 : start;
            if (at > maskStart && !s.startsWith(MASK, maskStart)) {
                splice = Splice.mask(splice, s, maskStart, at);
            }
            p = at - 2;
        }
        return Splice.result(splice, s);
    }

    /** The value after {@code =} at {@code v}, as (start << 32 | end); empty when there is none. */
    private static long valueSpan(String s, int v, boolean urlParameter) {
        int length = s.length();
        char c = s.charAt(v);
        if (c == '"' || c == '\'') {
            int close = closingQuote(s, v + 1, c);
            return span(v + 1, close < 0 ? tokenEnd(s, v + 1) : close);
        }
        if (s.startsWith("\\\"", v)) {
            int close = s.indexOf("\\\"", v + 2);
            return span(v + 2, close < 0 ? tokenEnd(s, v + 2) : close);
        }
        int end = v;
        while (end < length) {
            char e = s.charAt(end);
            if (Character.isWhitespace(e) || (urlParameter && e == '&')) {
                break;
            }
            end++;
        }
        // A quote just before the end closes the enclosing string (Triton's escaped message), not the secret.
        if (end > v && s.charAt(end - 1) == '"') {
            end--;
            if (end > v && s.charAt(end - 1) == '\\') {
                end--;
            }
        }
        if (s.startsWith(MASK, v) && end - v == MASK.length()) {
            return span(v, v); // already masked
        }
        return span(v, end);
    }

    private static long span(int start, int end) {
        return ((long) start << 32) | (end & 0xffffffffL);
    }

    private static int closingQuote(String s, int from, char quote) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }

    private static int tokenEnd(String s, int from) {
        int end = from;
        while (end < s.length()) {
            char c = s.charAt(end);
            if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == ',' || (c == '\\' && end + 1 < s.length() && s.charAt(end + 1) == '"')) {
                break;
            }
            end++;
        }
        return end;
    }

    private static int nextAnchor(String s, String lower, String upper, int from) {
        int a = s.indexOf(lower, from);
        int b = s.indexOf(upper, from);
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    private boolean isSecretKey(String s, int keyStart, int keyEnd) {
        for (String key : secretKeys) {
            int start = keyEnd - key.length();
            if (start < keyStart || !s.regionMatches(true, start, key, 0, key.length())) {
                continue;
            }
            if (start == keyStart || key.length() >= 5) {
                return true;
            }
            char before = s.charAt(start - 1);
            if (!Character.isLetter(before) || (Character.isLowerCase(before) && Character.isUpperCase(s.charAt(start)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean allKeyChars(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isKeyChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    /** Builds the masked copy lazily: nothing is allocated until the first mask. */
    private static final class Splice {
        private final String source;
        private final StringBuilder out;
        private int copied;

        private Splice(String source) {
            this.source = source;
            this.out = new StringBuilder(source.length() + 16);
        }

        static Splice mask(Splice splice, String source, int start, int end) {
            Splice s = splice == null ? new Splice(source) : splice;
            s.out.append(source, s.copied, start).append(MASK);
            s.copied = end;
            return s;
        }

        static String result(Splice splice, String source) {
            if (splice == null) {
                return source;
            }
            splice.out.append(source, splice.copied, source.length());
            return splice.out.toString();
        }
    }

    /** The configuration in use. */
    public RedactionConfig config() {
        return config;
    }

    /** Key names whose values are masked. */
    public List<String> secretKeys() {
        return List.of(secretKeys);
    }
}
