package io.tritonlogs.common.time;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    private static long[] parsed(String text, int expectedEnd) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        long[] out = new long[1];
        assertThat(Timestamps.parseRfc3339(b, 0, b.length, out)).isEqualTo(expectedEnd);
        return out;
    }

    @Test
    void readsDockerAndCriTimestampsToUnixNanoseconds() {
        assertThat(parsed("2024-12-01T10:30:00.123456789Z stdout", 30)[0])
                .isEqualTo(Timestamps.unixNanos(Instant.parse("2024-12-01T10:30:00.123456789Z")));
        assertThat(parsed("2024-12-01T12:30:00.5+02:00 stderr F x", 27)[0])
                .isEqualTo(Timestamps.unixNanos(Instant.parse("2024-12-01T10:30:00.5Z")));
        assertThat(parsed("2024-02-29T00:00:00Z", 20)[0]).isEqualTo(Timestamps.unixNanos(Instant.parse("2024-02-29T00:00:00Z")));
        assertThat(parsed("2024-12-01T10:30:00.1234567891234Z", 34)[0])
                .isEqualTo(Timestamps.unixNanos(Instant.parse("2024-12-01T10:30:00.123456789Z")));
    }

    @Test
    void whatIsNotATimestampIsMinusOne() {
        for (String text : new String[]{"I1201 10:30:00.123 1 server.cc:1] x", "2024-13-01T10:30:00Z", "2024-12-01 10:30:00Z",
                "2024-12-01T10:30:00", "2024-12-01T10:30:00+0200"}) {
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(Timestamps.parseRfc3339(b, 0, b.length, new long[1])).as(text).isEqualTo(-1);
        }
    }

    @Test
    void readsRfc3339AndUnixTimesTheWayLokiDoes() {
        Instant t = Instant.parse("2024-12-01T10:30:00Z");
        assertThat(Timestamps.parse("2024-12-01T10:30:00Z")).isEqualTo(t);
        assertThat(Timestamps.parse("2024-12-01T11:30:00+01:00")).isEqualTo(t);
        assertThat(Timestamps.parse("1733049000")).isEqualTo(t);
        assertThat(Timestamps.parse("1733049000.25")).isEqualTo(t.plusMillis(250));
        assertThat(Timestamps.parse("1733049000250")).isEqualTo(t.plusMillis(250));
        assertThat(Timestamps.parse("1733049000000000001")).isEqualTo(t.plusNanos(1));
        for (String bad : new String[]{"", "yesterday", "-1", "1.2.3", "12.", "2024-12-01"}) {
            assertThatThrownBy(() -> Timestamps.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void formatsDockersSinceParameter() {
        assertThat(Timestamps.unixSecondsWithNanos(1_733_049_000_000_000_001L)).isEqualTo("1733049000.000000001");
        assertThat(Timestamps.unixSecondsWithNanos(0)).isEqualTo("0.000000000");
    }
}
