package io.tritonlogs.alert.delivery;

import io.tritonlogs.common.retry.Backoff;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SignerTest {

    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        // expected value from: printf '%s' '1700000000.{"status":"firing"}' | openssl dgst -sha256 -hmac 'k3y'
        assertThat(Signer.sign("k3y", 1_700_000_000L, "{\"status\":\"firing\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=d2c9b7240309ba94e38f1ba33403a9c0862f87661848894b9b6f8d469bcf451b");
    }

    @Test
    void backoffDoublesUpToItsCapWithJitterAroundIt() {
        Backoff exact = Backoff.proportionalJitter(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2).withRandom(() -> 0.5);
        assertThat(exact.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(exact.delay(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(exact.delay(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.proportionalJitter(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2).withRandom(() -> 0.0).delay(10)).isEqualTo(Duration.ofSeconds(24));
        assertThat(Backoff.proportionalJitter(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2).withRandom(() -> 0.999999).delay(10)).isEqualTo(Duration.ofSeconds(36));
    }
}
