package io.tritonlogs.common.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void withoutJitterDoublesFromTheInitialDelayUpToTheCap() {
        Backoff backoff = Backoff.exponential(Duration.ofMillis(250), Duration.ofSeconds(5));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofMillis(4000));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delay(10_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void equalJitterStaysBetweenHalfAndAllOfTheDelay() {
        Backoff low = Backoff.equalJitter(SECOND, Duration.ofSeconds(60)).withRandom(() -> 0.0);
        Backoff high = Backoff.equalJitter(SECOND, Duration.ofSeconds(60)).withRandom(() -> 0.999_999);
        assertThat(low.delay(3)).isEqualTo(Duration.ofMillis(2000));
        assertThat(high.delay(3)).isEqualTo(Duration.ofMillis(4000));
        for (int i = 0; i < 1000; i++) {
            assertThat(Backoff.equalJitter(SECOND, Duration.ofSeconds(60)).delay(3)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
        }
    }

    @Test
    void proportionalJitterSpreadsBothWays() {
        Backoff backoff = Backoff.proportionalJitter(SECOND, Duration.ofSeconds(60), 0.2);
        assertThat(backoff.withRandom(() -> 0.0).delay(2)).isEqualTo(Duration.ofMillis(1600));
        assertThat(backoff.withRandom(() -> 0.5).delay(2)).isEqualTo(Duration.ofMillis(2000));
        assertThat(backoff.withRandom(() -> 1.0).delay(2)).isEqualTo(Duration.ofMillis(2400));
    }

    @Test
    void aLongerRetryAfterWinsButNeverPassesTheCap() {
        Backoff backoff = Backoff.exponential(SECOND, Duration.ofSeconds(30));
        assertThat(backoff.delay(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.delay(4, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delay(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesImpossibleSettings() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, SECOND)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), SECOND)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.proportionalJitter(SECOND, SECOND, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
