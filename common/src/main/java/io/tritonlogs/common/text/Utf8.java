package io.tritonlogs.common.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Writes strings as UTF-8 straight into a byte array. A lone surrogate (text that was not valid
 * UTF-16, e.g. from a broken decoder) becomes U+FFFD, so Loki always gets valid UTF-8.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** Bytes {@code s} takes in UTF-8, counting a lone surrogate as U+FFFD. */
    public static int length(CharSequence s) {
        int length = s.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2;
                i++;
            } else {
                bytes += 2; // 3-byte char, or a lone surrogate written as U+FFFD (3 bytes)
            }
        }
        return bytes;
    }

    /**
     * Writes {@code s} as UTF-8 into {@code into} from {@code at}, a lone surrogate as U+FFFD:
     * exactly {@link #length} bytes. Returns the index after the last byte written.
     */
    public static int encode(CharSequence s, byte[] into, int at) {
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                into[at++] = (byte) c;
            } else if (c < 0x800) {
                into[at++] = (byte) (0xC0 | (c >> 6));
                into[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                into[at++] = (byte) (0xF0 | (cp >> 18));
                into[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                into[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                into[at++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                char ch = Character.isSurrogate(c) ? '\uFFFD' : c;
                into[at++] = (byte) (0xE0 | (ch >> 12));
                into[at++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                into[at++] = (byte) (0x80 | (ch & 0x3F));
            }
        }
        return at;
    }

    /**
     * Decodes UTF-8 bytes; invalid sequences become U+FFFD. {@link #isValid} tells whether that
     * happened, so callers can count repaired lines.
     */
    public static String decode(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    /** Whether the bytes are well-formed UTF-8. */
    public static boolean isValid(byte[] bytes, int offset, int length) {
        if (isAscii(bytes, offset, length)) {
            return true;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    public static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
