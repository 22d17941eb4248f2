package io.tritonlogs.collector.shipping;

import io.tritonlogs.common.loki.LabelSet;
import io.tritonlogs.common.loki.ProtobufPushEncoder;
import io.tritonlogs.common.loki.PushEntry;
import io.tritonlogs.common.loki.PushStream;
import io.tritonlogs.common.retry.Backoff;
import io.tritonlogs.common.testing.LokiPushStandIn;
import io.tritonlogs.support.loki.LokiConnection;
import io.tritonlogs.support.loki.LokiHttpClient;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LokiPusherTest {

    private static final byte[] BODY = new ProtobufPushEncoder().encodeToArray(List.of(
            new PushStream(LabelSet.of(Map.of("container", "c")), List.of(new PushEntry(1, "x")))));

    private static LokiPusher pusher(String url) {
        return new LokiPusher(LokiConnection.of(url, Optional.of("tenant"), Optional.empty(), Optional.empty(), Optional.of("secret"),
                Duration.ofSeconds(5), Duration.ofSeconds(5)), null);
    }

    @Test
    void classifiesLokisAnswers() throws Exception {
        try (LokiPushStandIn loki = new LokiPushStandIn()) {
            LokiPusher pusher = pusher(loki.url());
            assertThat(pusher.push(BODY)).isEqualTo(new PushOutcome.Accepted(204));
            loki.failWith(500, null);
            assertThat(pusher.push(BODY)).isInstanceOf(PushOutcome.Retry.class);
            loki.failWith(429, "7");
            PushOutcome limited = pusher.push(BODY);
            assertThat(limited).isInstanceOf(PushOutcome.Retry.class);
            assertThat(((PushOutcome.Retry) limited).retryAfter()).isEqualTo(Duration.ofSeconds(7));
            loki.failWith(400, null);
            assertThat(pusher.push(BODY)).isInstanceOf(PushOutcome.Rejected.class);
        }
    }

    @Test
    void sendsTheTenantAndBearerOrBasicCredentials() throws Exception {
        try (LokiPushStandIn loki = new LokiPushStandIn()) {
            assertThat(pusher(loki.url()).push(BODY)).isEqualTo(new PushOutcome.Accepted(204));
            assertThat(loki.lastTenant()).isEqualTo("tenant");
            assertThat(loki.lastAuthorization()).isEqualTo("Bearer secret");

            LokiPusher basic = new LokiPusher(LokiConnection.of(loki.url(), Optional.empty(), Optional.of("loki"), Optional.of("pa:ss"),
                    Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(5)), null);
            assertThat(basic.push(BODY)).isEqualTo(new PushOutcome.Accepted(204));
            assertThat(loki.lastTenant()).isNull();
            assertThat(loki.lastAuthorization()).isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("loki:pa:ss".getBytes()));
        }
    }

    @Test
    void unreachableLokiIsRetried() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(pusher("http://127.0.0.1:" + port).push(BODY)).isInstanceOf(PushOutcome.Retry.class);
    }

    @Test
    void backoffGrowsHonoursRetryAfterAndStaysCapped() {
        // the shipper's backoff: retry n (1-based) after the n-th failed attempt
        Backoff backoff = Backoff.equalJitter(Duration.ofMillis(100), Duration.ofSeconds(2));
        assertThat(backoff.delay(1, null)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(backoff.delay(4, null)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(backoff.delay(31, null)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(backoff.delay(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(2));
        assertThat(LokiHttpClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    }
}
