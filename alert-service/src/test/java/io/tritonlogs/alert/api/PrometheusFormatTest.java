package io.tritonlogs.alert.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Expected texts are what Go's strconv.FormatFloat(v, 'e', -1, 64) and time.Time's JSON encoding write. */
class PrometheusFormatTest {

    @Test
    void valuesAreWrittenAsGoWritesThem() {
        assertThat(PrometheusFormat.value(12)).isEqualTo("1.2e+01");
        assertThat(PrometheusFormat.value(3)).isEqualTo("3e+00");
        assertThat(PrometheusFormat.value(0)).isEqualTo("0e+00");
        assertThat(PrometheusFormat.value(0.5)).isEqualTo("5e-01");
        assertThat(PrometheusFormat.value(1234.5)).isEqualTo("1.2345e+03");
        assertThat(PrometheusFormat.value(-0.0125)).isEqualTo("-1.25e-02");
        assertThat(PrometheusFormat.value(1e21)).isEqualTo("1e+21");
        assertThat(PrometheusFormat.value(1.0 / 3)).isEqualTo("3.333333333333333e-01");
        assertThat(PrometheusFormat.value(Double.NaN)).isEqualTo("NaN");
        assertThat(PrometheusFormat.value(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    }

    @Test
    void timesAreRfc3339WithTheFractionTrimmed() {
        assertThat(PrometheusFormat.time(Instant.parse("2026-11-25T10:00:00Z"))).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(PrometheusFormat.time(Instant.parse("2026-11-25T10:00:00.120Z"))).isEqualTo("2026-11-25T10:00:00.12Z");
        assertThat(PrometheusFormat.time(Instant.parse("2026-11-25T10:00:00.000000001Z"))).isEqualTo("2026-11-25T10:00:00.000000001Z");
        assertThat(PrometheusFormat.time(null)).isEqualTo("0001-01-01T00:00:00Z");
    }
}
