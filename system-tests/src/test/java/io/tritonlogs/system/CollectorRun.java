package io.tritonlogs.system;

import io.tritonlogs.common.testing.Await;
import io.tritonlogs.common.testing.Busybox;
import io.tritonlogs.common.testing.ServiceProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault run on the shipping side: a container writing numbered lines, the packaged collector
 * pushing through a {@link TcpProxy} to Loki or the push stand-in. It ends by counting lines
 * written ({@code docker logs} of every run of the container), lines stored, duplicates, and
 * fails unless every written line was stored once, in order.
 */
final class CollectorRun implements AutoCloseable {

    final LokiSide loki;
    final TcpProxy proxy;
    final Path dir;
    final String prefix = Suite.prefix();
    final String container = prefix + "-writer";
    private final List<ServiceProcess> started = new ArrayList<>();
    /** Set by {@link #startAlerting}: the receiver of the alert-service's notifications, and its own way to Loki. */
    WebhookReceiver hook;
    TcpProxy queryProxy;

    CollectorRun(String name) throws IOException {
        Busybox.ensureImage();
        dir = Suite.tempDir(name);
        loki = LokiSide.realOrStandIns();
        proxy = new TcpProxy(loki.pushUrl());
    }

    ServiceProcess startCollector() throws IOException {
        ServiceProcess collector = Suite.collector(proxy.url(), dir.resolve("collector"), prefix, Map.of());
        started.add(collector);
        return collector.start();
    }

    /**
     * The packaged alert-service on the same Loki, its queries through a proxy of their own (so an
     * outage can take Loki away from it too), with a rule that fires while the writer writes. With
     * the stand-ins the rule's instant query is answered as Loki would while the writer is busy.
     */
    ServiceProcess startAlerting() throws IOException {
        hook = new WebhookReceiver();
        queryProxy = new TcpProxy(loki.queryUrl());
        if (!loki.real()) {
            loki.queryStandIn().answer(r -> r.path().equals("/loki/api/v1/query"),
                    Answers.vector("container", Map.of(container, 60_000L), System.currentTimeMillis() / 1000));
        }
        ServiceProcess alert = Suite.alertService(queryProxy.url(), dir, "WriterBusy",
                "sum by (container) (count_over_time({container=\"" + container + "\"}[1m])) > 100", hook.url(), Map.of());
        started.add(alert);
        return alert.start();
    }

    void write(int lines, int perSecond) {
        Busybox.start(container, false, Suite.numberedWriter(lines, perSecond));
    }

    /** Lines stored for the container, in the order the stand-in received them (Loki: by timestamp). */
    List<String> stored() {
        return loki.entries(container).stream().map(LokiSide.Entry::line).toList();
    }

    /** Waits until every line {@code docker logs} shows is stored, then checks and counts. */
    void finish(String run, int expectedWritten, Duration timeout) throws IOException {
        Await.until(timeout, expectedWritten + " lines written by " + container + " and stored", () -> {
            List<String> written = Suite.writtenLines(container);
            return written.size() >= expectedWritten && stored().size() >= written.size();
        });
        List<String> stored = Await.settled(Duration.ofSeconds(30), Duration.ofSeconds(3), this::stored);
        List<String> written = Suite.writtenLines(container);
        Set<String> unique = new HashSet<>(stored);
        String notifications = hook == null ? "not part of this run"
                : "firing " + hook.accepted("firing") + ", resolved " + hook.accepted("resolved");
        Suite.tally(run, written.size(), stored.size(), stored.size() - unique.size(), loki.resentDuplicates(), notifications);
        assertThat(stored.size() - unique.size()).as("duplicates stored").isZero();
        assertThat(stored).as("every written line once, in order").containsExactlyElementsOf(written);
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess s : started) {
            s.close();
        }
        Busybox.remove(container);
        proxy.close();
        if (queryProxy != null) {
            queryProxy.close();
        }
        if (hook != null) {
            hook.close();
        }
        loki.close();
    }
}
