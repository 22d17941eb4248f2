package io.tritonlogs.common.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte-level checks the collector runs on every line it reads. */
class Utf8Test {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void wellFormedTextIsValidAndDecodesAsIs() {
        byte[] text = "E1201 model 'résnet' 模型 🚀".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isAscii(text, 0, text.length)).isFalse();
        assertThat(Utf8.isValid(text, 0, text.length)).isTrue();
        assertThat(Utf8.decode(text, 0, text.length)).isEqualTo("E1201 model 'résnet' 模型 🚀");
        assertThat(Utf8.isAscii("I1201 plain".getBytes(StandardCharsets.US_ASCII), 0, 11)).isTrue();
    }

    @Test
    void malformedSequencesAreInvalidAndRepairedWithTheReplacementCharacter() {
        byte[][] malformed = {
                bytes('a', 0xC3),                  // truncated 2-byte sequence at the end
                bytes('a', 0xFF, 'b'),             // a byte that never occurs in UTF-8
                bytes(0xC0, 0xAF),                 // overlong encoding of '/'
                bytes(0xED, 0xA0, 0x80),           // an encoded UTF-16 surrogate
                bytes(0x80, 'x'),                  // a lone continuation byte
                bytes(0xF4, 0x90, 0x80, 0x80)};    // above U+10FFFF
        for (byte[] b : malformed) {
            assertThat(Utf8.isValid(b, 0, b.length)).as("%s", java.util.Arrays.toString(b)).isFalse();
            assertThat(Utf8.decode(b, 0, b.length)).contains("\uFFFD");
        }
        assertThat(Utf8.decode(bytes('a', 0xFF, 'b'), 0, 3)).isEqualTo("a\uFFFDb");
    }

    @Test
    void onlyTheGivenRangeIsLookedAt() {
        byte[] b = bytes(0xFF, 'o', 'k', 0xFF);
        assertThat(Utf8.isAscii(b, 1, 2)).isTrue();
        assertThat(Utf8.isValid(b, 1, 2)).isTrue();
        assertThat(Utf8.decode(b, 1, 2)).isEqualTo("ok");
        assertThat(Utf8.isValid(b, 0, 4)).isFalse();
    }

    @Test
    void lengthCountsUtf8BytesAndALoneSurrogateAsTheReplacementCharacter() {
        assertThat(Utf8.length("abc")).isEqualTo(3);
        assertThat(Utf8.length("é模🚀")).isEqualTo("é模🚀".getBytes(StandardCharsets.UTF_8).length);
        assertThat(Utf8.length("a\uD800b")).isEqualTo(1 + 3 + 1);
    }
}
