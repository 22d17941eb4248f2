package io.tritonlogs.collector.docker;

import io.tritonlogs.common.time.Timestamps;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogStreamDecoderTest {

    private record Line(boolean stderr, long ts, String text, LogStreamDecoder.LineDefects defects) {
    }

    private final List<Line> lines = new ArrayList<>();

    private LogStreamDecoder decoder(boolean tty, int maxLineBytes) {
        return new LogStreamDecoder(tty, maxLineBytes, (stderr, ts, text, bytes, defects) -> lines.add(new Line(stderr, ts, text, defects)));
    }

    private static byte[] frame(int stream, String payload) {
        return frame(stream, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(int stream, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stream);
        out.write(0);
        out.write(0);
        out.write(0);
        out.write(payload.length >>> 24);
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static long nanos(String rfc3339) {
        Instant i = Instant.parse(rfc3339);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void multiplexedFramesGiveLinesPerStreamEvenWhenFedByteByByte() {
        byte[] stream = concat(
                frame(1, "2024-12-01T10:30:45.123456789Z I1201 10:30:45.123456 1 a.cc:1] out\n"),
                frame(2, "2024-12-01T10:30:45.2Z E1201 10:30:45.200000 1 a.cc:2] err\n"),
                frame(1, "2024-12-01T10:30:46Z \n"));
        LogStreamDecoder decoder = decoder(false, 1 << 20);
        for (byte b : stream) {
            decoder.feed(new byte[] {b}, 0, 1);
        }
        assertThat(lines).containsExactly(
                new Line(false, nanos("2024-12-01T10:30:45.123456789Z"), "I1201 10:30:45.123456 1 a.cc:1] out", LogStreamDecoder.LineDefects.NONE),
                new Line(true, nanos("2024-12-01T10:30:45.200Z"), "E1201 10:30:45.200000 1 a.cc:2] err", LogStreamDecoder.LineDefects.NONE),
                new Line(false, nanos("2024-12-01T10:30:46Z"), "", LogStreamDecoder.LineDefects.NONE));
    }

    @Test
    void partialPiecesOfALongLineAreJoinedUnderTheFirstTimestamp() {
        LogStreamDecoder decoder = decoder(false, 1 << 20);
        decoder.feed(concat(frame(1, "2024-12-01T10:00:00.1Z aaaa"), frame(1, "2024-12-01T10:00:00.1Z bbbb"),
                frame(1, "2024-12-01T10:00:00.1Z cc\n")), 0, 3 * 8 + 27 + 27 + 26);
        assertThat(lines).extracting(Line::text).containsExactly("aaaabbbbcc");
    }

    @Test
    void localDriversMissingNewlineAfterALongLineEndsItAtTheNextTimestamp() {
        LogStreamDecoder decoder = decoder(false, 1 << 20);
        byte[] bytes = concat(frame(1, "2024-12-01T10:00:00.1Z aaaa"), frame(1, "2024-12-01T10:00:00.1Z bb"),
                frame(1, "2024-12-01T10:00:00.2Z next\n"));
        decoder.feed(bytes, 0, bytes.length);
        assertThat(lines).extracting(Line::text).containsExactly("aaaabb", "next");
    }

    @Test
    void ttyStreamIsStdoutWithCarriageReturnsRemoved() {
        LogStreamDecoder decoder = decoder(true, 1 << 20);
        byte[] bytes = "2024-12-01T10:00:00Z one\r\n2024-12-01T10:00:01Z two\r\n".getBytes(StandardCharsets.UTF_8);
        decoder.feed(bytes, 0, 10);
        decoder.feed(bytes, 10, bytes.length - 10);
        assertThat(lines).extracting(Line::text).containsExactly("one", "two");
        assertThat(lines).noneMatch(Line::stderr);
    }

    @Test
    void invalidUtf8IsReplacedAndReported() {
        LogStreamDecoder decoder = decoder(false, 1 << 20);
        byte[] payload = concat("2024-12-01T10:00:00Z bad ".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, (byte) 0xC3}, "\n".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = frame(1, payload);
        decoder.feed(bytes, 0, bytes.length);
        assertThat(lines.get(0).text()).isEqualTo("bad \uFFFD\uFFFD");
        assertThat(lines.get(0).defects().invalidUtf8()).isTrue();
    }

    @Test
    void longLinesAreCutAtACharacterBoundaryAndMarked() {
        LogStreamDecoder decoder = decoder(false, 10);
        byte[] bytes = frame(2, "2024-12-01T10:00:00Z 123456789é123456\n");
        decoder.feed(bytes, 0, bytes.length);
        Line line = lines.get(0);
        assertThat(line.text()).isEqualTo("123456789" + String.format(LogStreamDecoder.TRUNCATION_MARKER, 10));
        assertThat(line.defects().truncated()).isTrue();
        assertThat(line.defects().truncatedBytes()).isEqualTo(7);
    }

    @Test
    void lastLineWithoutNewlineIsEmittedWhenTheStreamEnds() {
        LogStreamDecoder decoder = decoder(false, 1 << 20);
        byte[] bytes = frame(1, "2024-12-01T10:00:00Z unterminated");
        decoder.feed(bytes, 0, bytes.length);
        assertThat(lines).isEmpty();
        decoder.finish();
        assertThat(lines).extracting(Line::text).containsExactly("unterminated");
    }

    @Test
    void sinceParameterHasNineFractionDigits() {
        assertThat(Timestamps.unixSecondsWithNanos(nanos("2024-12-01T10:30:45.000000123Z"))).isEqualTo("1733049045.000000123");
        long[] out = new long[1];
        byte[] ts = "2024-02-29T23:59:59.999999999Z".getBytes(StandardCharsets.US_ASCII);
        assertThat(Timestamps.parseRfc3339(ts, 0, ts.length, out)).isEqualTo(ts.length);
        assertThat(out[0]).isEqualTo(nanos("2024-02-29T23:59:59.999999999Z"));
        byte[] notTs = "2024-02-29 23:59:59Z".getBytes(StandardCharsets.US_ASCII);
        assertThat(Timestamps.parseRfc3339(notTs, 0, notTs.length, out)).isEqualTo(-1);
    }
}
