package io.tritonlogs.alert.lease;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.tritonlogs.alert.config.AlertConfig;
import io.tritonlogs.common.kubernetes.KubernetesApi;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;

/**
 * Whether this replica should evaluate rules and send notifications: always, unless
 * {@code alert.lease.enabled} (Kubernetes with more than one replica), then only while it holds
 * the Lease.
 */
@ApplicationScoped
public class Leadership {

    private final Optional<LeaseElector> elector;

    Leadership(AlertConfig config, Clock clock, ObjectMapper json) {
        AlertConfig.Lease lease = config.lease();
        if (!lease.enabled()) {
            this.elector = Optional.empty();
            return;
        }
        String url = lease.kubernetesApi().or(KubernetesApi::inClusterUrl).orElseThrow(() -> new IllegalStateException(
                "alert.lease.enabled=true but no Kubernetes API: set alert.lease.kubernetes-api or run in a pod"));
        String namespace = lease.namespace().or(KubernetesApi::inClusterNamespace).orElseThrow(() -> new IllegalStateException(
                "alert.lease.enabled=true but no namespace: set alert.lease.namespace (POD_NAMESPACE)"));
        String identity = lease.identity().orElseGet(Leadership::hostname);
        this.elector = Optional.of(new LeaseElector(new KubernetesApi(url, Optional.of(lease.tokenFile()), Optional.of(lease.caFile())),
                namespace, lease.name(), identity, lease.duration(), clock, json));
        this.elector.get().tryAcquireOrRenew();
    }

    public boolean isLeader() {
        return elector.map(LeaseElector::isLeader).orElse(true);
    }

    public Optional<LeaseElector> elector() {
        return elector;
    }

    @Scheduled(every = "{alert.lease.renew-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renew() {
        elector.ifPresent(LeaseElector::tryAcquireOrRenew);
    }

    private static String hostname() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "alert-service-" + ProcessHandle.current().pid();
        }
    }
}
