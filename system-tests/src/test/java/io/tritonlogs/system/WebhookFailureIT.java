package io.tritonlogs.system;

import io.tritonlogs.common.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook receiver failing (500) for 2 minutes of real time while the user's flow fires an
 * alert (the same chain and stand-in scripting as {@link UserFlowIT}). The alert-service retries
 * with backoff doubling from 1 s, capped at 20 s for this run ({@code ALERT_DELIVERY_MAX_BACKOFF},
 * default 5 min, so the run stays short). Exactly one firing notification is accepted, after the
 * receiver recovered, then exactly one resolved.
 */
class WebhookFailureIT {

    @Test
    void webhookFailingForTwoMinutesGetsOneFiringAndOneResolved() throws Exception {
        try (Chain chain = new Chain("webhook")) {
            WebhookReceiver hook = chain.hook;
            chain.start(Map.of("ALERT_DELIVERY_MAX_BACKOFF", "20s"));
            hook.failFor(120_000);
            chain.replay();
            chain.awaitBurstStored();
            if (!chain.loki.real()) {
                chain.scriptBurstInWindow();
            }
            Await.until(Duration.ofSeconds(30), "a refused firing notification", () -> hook.refused("firing") >= 1);
            Await.until(Duration.ofSeconds(180), "the firing notification accepted after the receiver recovered",
                    () -> hook.accepted("firing") >= 1);
            assertThat(hook.failing()).isFalse();
            Thread.sleep(4_000);
            assertThat(hook.accepted("firing")).as("firing notifications accepted").isEqualTo(1);
            assertThat(hook.refused("firing")).as("refused attempts while failing").isGreaterThanOrEqualTo(5);
            if (!chain.loki.real()) {
                chain.scriptBurstOutOfWindow();
            }
            Await.until(chain.resolvedTimeout(), "the resolved notification", () -> hook.accepted("resolved") >= 1);
            Thread.sleep(4_000);
            assertThat(hook.accepted("firing")).isEqualTo(1);
            assertThat(hook.accepted("resolved")).isEqualTo(1);
            hook.accepted().forEach(b -> assertThat(b).doesNotContain(Chain.SECRET));

            List<LokiSide.Entry> all = chain.loki.entries(chain.container);
            long unique = new HashSet<>(all.stream().map(e -> e.timestampNanos() + "\u0000" + e.line()).toList()).size();
            long records = chain.sessionLines().stream().filter(l -> l.matches("^[IWEF][0-9]{4} .*")).count();
            Suite.tally("webhook-failing-120s", chain.sessionLines().size(), all.size(), all.size() - unique, chain.loki.resentDuplicates(),
                    "firing refused " + hook.refused("firing") + ", firing accepted " + hook.accepted("firing")
                            + ", resolved accepted " + hook.accepted("resolved"));
            assertThat(all).hasSize((int) records);
            assertThat(all.size() - unique).isZero();
        }
    }
}
