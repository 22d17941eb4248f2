package io.tritonlogs.common.logql;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * LogQL string literals: double-quoted with Go escapes, or raw in backticks. Quoting always writes
 * the double-quoted form with the fewest escapes that keep the value intact and on one line.
 */
public final class StringLiterals {

    private StringLiterals() {
    }

    /** Thrown by {@link #unquoteBody} with the offset, inside the literal, of the bad escape. */
    static final class BadEscape extends Exception {
        final int offset;

        BadEscape(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    /** {@code value} as a double-quoted LogQL string. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        appendQuoted(out, value);
        return out.toString();
    }

    static void appendQuoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (cp >= 0xDC80 && cp <= 0xDCFF) {
                        out.append(String.format("\\x%02x", cp & 0xFF));
                    } else if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (needsUnicodeEscape(cp)) {
                        out.append(cp <= 0xffff ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Invisible or unassigned characters are escaped so a printed query shows what it matches. */
    private static boolean needsUnicodeEscape(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || type == Character.PRIVATE_USE;
    }

    /**
     * The value of the body of a double-quoted literal (between the quotes), with Go's escapes:
     * {@code \a \b \f \n \r \t \v \\ \"}, octal {@code \NNN}, {@code \xHH}, {@code \\uHHHH}, {@code \UHHHHHHHH}.
     * Byte escapes that do not form valid UTF-8 are kept as raw bytes, as Loki keeps them.
     */
    static String unquoteBody(String body) throws BadEscape {
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int bytesStart = -1;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\') {
                bytesStart = flush(out, bytes, bytesStart);
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= body.length()) {
                throw new BadEscape("the string ends in a lone backslash", i);
            }
            char e = body.charAt(i + 1);
            int escapeStart = i;
            i += 2;
            boolean byteEscape = e == 'x' || (e >= '0' && e <= '7');
            if (!byteEscape) {
                bytesStart = flush(out, bytes, bytesStart);
            }
            switch (e) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\\' -> out.append('\\');
                case '"' -> out.append('"');
                case 'x', '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int value;
                    if (e == 'x') {
                        value = hex(body, i, 2, escapeStart);
                        i += 2;
                    } else {
                        value = octal(body, i - 1, escapeStart);
                        i += 2;
                    }
                    if (bytesStart < 0) {
                        bytesStart = escapeStart;
                    }
                    bytes.write(value);
                    continue;
                }
                case 'u', 'U' -> {
                    int digits = e == 'u' ? 4 : 8;
                    int cp = hex(body, i, digits, escapeStart);
                    i += digits;
                    if (cp > Character.MAX_CODE_POINT || (cp >= 0xd800 && cp <= 0xdfff)) {
                        throw new BadEscape("\\" + e + " escape is not a valid Unicode character", escapeStart);
                    }
                    out.appendCodePoint(cp);
                    continue;
                }
                default -> throw new BadEscape("unknown escape sequence \\" + e
                        + " (to match a backslash write \\\\, or use a `raw string`)", escapeStart);
            }
        }
        flush(out, bytes, bytesStart);
        return out.toString();
    }

    private static int flush(StringBuilder out, ByteArrayOutputStream bytes, int bytesStart) {
        if (bytes.size() == 0) {
            return -1;
        }
        byte[] raw = bytes.toByteArray();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw);
        CharBuffer chars = CharBuffer.allocate(raw.length);
        while (in.hasRemaining()) {
            CoderResult result = utf8.decode(in, chars, true);
            if (result.isError()) {
                for (int k = 0; k < result.length(); k++) {
                    chars.put(rawByte(in.get()));
                }
            } else if (result.isUnderflow()) {
                break;
            }
        }
        utf8.flush(chars);
        out.append(chars.flip());
        bytes.reset();
        return -1;
    }

    /**
     * An escaped byte that is not part of valid UTF-8 ({@code "\xff"}), which Loki's Go strings
     * accept, kept as a lone low surrogate ({@code U+DC80..U+DCFF}, Python's "surrogateescape") so
     * that {@link #quote} writes it back as the same {@code \xNN}.
     */
    private static char rawByte(byte b) {
        return (char) (0xDC00 | (b & 0xFF));
    }

    /** Whether {@code value} holds a byte that is not valid UTF-8 (see {@link #rawByte}). */
    public static boolean hasRawBytes(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isRawByte(value, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRawByte(String value, int i) {
        char c = value.charAt(i);
        return c >= 0xDC80 && c <= 0xDCFF && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
    }

    private static int hex(String body, int at, int digits, int escapeStart) throws BadEscape {
        if (at + digits > body.length()) {
            throw new BadEscape("escape sequence needs " + digits + " hexadecimal digits", escapeStart);
        }
        int value = 0;
        for (int k = 0; k < digits; k++) {
            int d = Character.digit(body.charAt(at + k), 16);
            if (d < 0 || body.charAt(at + k) > 'f') {
                throw new BadEscape("escape sequence needs " + digits + " hexadecimal digits", escapeStart);
            }
            value = value * 16 + d;
        }
        return value;
    }

    private static int octal(String body, int at, int escapeStart) throws BadEscape {
        if (at + 3 > body.length()) {
            throw new BadEscape("octal escape sequence needs 3 digits", escapeStart);
        }
        int value = 0;
        for (int k = 0; k < 3; k++) {
            char c = body.charAt(at + k);
            if (c < '0' || c > '7') {
                throw new BadEscape("octal escape sequence needs 3 digits", escapeStart);
            }
            value = value * 8 + (c - '0');
        }
        if (value > 255) {
            throw new BadEscape("octal escape value is above 255", escapeStart);
        }
        return value;
    }
}
