package io.tritonlogs.common.triton;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TritonLineParserTest {

    private final TritonLineParser parser = new TritonLineParser();

    @Test
    void defaultFormatGivesEveryField() {
        ParsedLine p = parser.parse("I1201 10:30:45.123456 1 model_lifecycle.cc:469] loading: resnet_model:1");
        assertThat(p.kind()).isEqualTo(LineKind.RECORD);
        assertThat(p.shape()).isEqualTo(LineShape.GLOG);
        assertThat(p.level()).isEqualTo(Level.INFO);
        assertThat(p.threadId()).isEqualTo(1);
        assertThat(p.source()).isEqualTo("model_lifecycle.cc:469");
        assertThat(p.message()).isEqualTo("loading: resnet_model:1");
        assertThat(p.timestamp(2024)).contains(Instant.parse("2024-12-01T10:30:45.123456Z"));
    }

    @Test
    void glogPaddedThreadIdsAreRead() {
        ParsedLine p = parser.parse("W1201 10:30:45.123456   412 server.cc:251] padded");
        assertThat(p.threadId()).isEqualTo(412);
        assertThat(p.level()).isEqualTo(Level.WARNING);
    }

    @Test
    void isoFormatWithAndWithoutFractions() {
        ParsedLine whole = parser.parse("2024-12-01T10:30:45Z E 1 model_lifecycle.cc:469] \"failed\"");
        assertThat(whole.shape()).isEqualTo(LineShape.ISO8601);
        assertThat(whole.level()).isEqualTo(Level.ERROR);
        assertThat(whole.timestamp(0)).contains(Instant.parse("2024-12-01T10:30:45Z"));
        ParsedLine fraction = parser.parse("2024-12-01T10:30:45.5Z I 1 a.cc:1] x");
        assertThat(fraction.timestamp(0)).contains(Instant.parse("2024-12-01T10:30:45.500Z"));
    }

    @Test
    void escapedMessagesAreUnescaped() {
        ParsedLine p = parser.parse("E0304 17:57:33.326702 412 infer_handler.cc:773] \"shape \\\"[1,3]\\\"\\n\\tnext \\u00e9\"");
        assertThat(p.quoted()).isTrue();
        assertThat(p.rawMessage()).isEqualTo("\"shape \\\"[1,3]\\\"\\n\\tnext \\u00e9\"");
        assertThat(p.message()).isEqualTo("shape \"[1,3]\"\n\tnext é");
    }

    @Test
    void emptyMessageIsARecordWithAnEmptyMessage() {
        ParsedLine p = parser.parse("I0816 01:03:26.983791 90210 server.cc:607]");
        assertThat(p.kind()).isEqualTo(LineKind.RECORD);
        assertThat(p.message()).isEmpty();
    }

    @Test
    void pythonStubWithoutLevelLetterIsARecordOfUnknownLevel() {
        ParsedLine p = parser.parse("1028 08:21:03.012132 581 pb_stub.cc:309] Failed to initialize Python stub");
        assertThat(p.kind()).isEqualTo(LineKind.RECORD);
        assertThat(p.shape()).isEqualTo(LineShape.GLOG_WITHOUT_LEVEL);
        assertThat(p.level()).isEqualTo(Level.UNKNOWN);
        assertThat(p.source()).isEqualTo("pb_stub.cc:309");
        assertThat(p.timestamp(2022)).contains(Instant.parse("2022-10-28T08:21:03.012132Z"));
    }

    @Test
    void tensorflowLinesAreForeignButKeepTheirLevel() {
        ParsedLine p = parser.parse("2024-03-01 10:00:00.123456: E tensorflow/core/x.cc:12] could not load");
        assertThat(p.kind()).isEqualTo(LineKind.FOREIGN);
        assertThat(p.level()).isEqualTo(Level.ERROR);
        assertThat(p.source()).isEqualTo("tensorflow/core/x.cc:12");
        assertThat(p.message()).isEqualTo("could not load");
    }

    @Test
    void foreignLevelWords() {
        assertThat(parser.parse("error: creating server: Internal").level()).isEqualTo(Level.ERROR);
        assertThat(parser.parse("[WARNING] low memory").level()).isEqualTo(Level.WARNING);
        assertThat(parser.parse("ERROR:root:boom").level()).isEqualTo(Level.ERROR);
        assertThat(parser.parse("CRITICAL crash").level()).isEqualTo(Level.FATAL);
        assertThat(parser.parse("debug: x").level()).isEqualTo(Level.VERBOSE);
        assertThat(parser.parse("errors were found").level()).isEqualTo(Level.UNKNOWN);
        assertThat(parser.parse("Information").level()).isEqualTo(Level.UNKNOWN);
    }

    @Test
    void backendsLevelShapes() {
        assertThat(parser.parse("[TensorRT-LLM][ERROR] Assertion failed").level()).isEqualTo(Level.ERROR);
        assertThat(parser.parse("[TensorRT-LLM] [WARNING] spaced tags").level()).isEqualTo(Level.WARNING);
        assertThat(parser.parse("[12/01/2024-10:30:45] [TRT] [V] verbose").level()).isEqualTo(Level.VERBOSE);
        assertThat(parser.parse("INFO 03-01 12:00:01 [model_runner.py:1025] weights").level()).isEqualTo(Level.INFO);
        assertThat(parser.parse("(VllmWorkerProcess pid=245) WARNING 03-01 12:00:01 [x.py:1] y").level()).isEqualTo(Level.WARNING);
        assertThat(parser.parse("WARNING:root:Failed to import flash_attn").level()).isEqualTo(Level.WARNING);
        // a one-letter tag first is no level; a tag that is no level and text that names none
        assertThat(parser.parse("[E] what").level()).isEqualTo(Level.UNKNOWN);
        assertThat(parser.parse("[1/3] Building wheel").level()).isEqualTo(Level.UNKNOWN);
        assertThat(parser.parse("[WARNING: no closing bracket").level()).isEqualTo(Level.WARNING);
        assertThat(parser.parse("(a very long parenthesis that is not a worker prefix at all, just text) ERROR x").level())
                .isEqualTo(Level.UNKNOWN);
    }

    @Test
    void textThatOnlyLooksLikeAPreambleIsForeign() {
        assertThat(parser.parse("E1201 10:30:45.123456 1 no source here").kind()).isEqualTo(LineKind.FOREIGN);
        assertThat(parser.parse("I1201 10:30:45 1 a.cc:1] no micros").kind()).isEqualTo(LineKind.FOREIGN);
        assertThat(parser.parse("X1201 10:30:45.123456 1 a.cc:1] bad letter").kind()).isEqualTo(LineKind.FOREIGN);
    }
}
