package io.tritonlogs.alert.lease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.tritonlogs.common.kubernetes.KubernetesApi;
import io.tritonlogs.common.time.Timestamps;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, so that of several alert-service
 * replicas exactly one evaluates and notifies. Each {@link #tryAcquireOrRenew()} reads the Lease;
 * the holder renews it, anyone else takes it over only once it has expired; every write carries
 * the Lease's resourceVersion, so of two replicas racing for it the API server lets one win.
 *
 * <p>A leader that cannot renew steps down after two thirds of the lease duration, before another
 * replica may take the expired lease over, so two leaders never overlap while clocks agree.
 */
public final class LeaseElector {

    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final KubernetesApi api;
    private final String path;
    private final String collectionPath;
    private final String name;
    private final String identity;
    private final Duration leaseDuration;
    private final Clock clock;
    private final ObjectMapper json;

    private volatile boolean leader;
    private volatile Instant lastRenewed = Instant.MIN;
    private volatile String lastError;

    public LeaseElector(KubernetesApi api, String namespace, String name, String identity, Duration leaseDuration, Clock clock,
                        ObjectMapper json) {
        this.api = api;
        this.json = json;
        this.collectionPath = "/apis/coordination.k8s.io/v1/namespaces/" + namespace + "/leases";
        this.path = collectionPath + "/" + name;
        this.name = name;
        this.identity = identity;
        this.leaseDuration = leaseDuration;
        this.clock = clock;
    }

    public boolean isLeader() {
        return leader;
    }

    public String identity() {
        return identity;
    }

    public String lastError() {
        return lastError;
    }

    /** One round: acquire, renew or observe; returns whether this replica leads afterwards. */
    public synchronized boolean tryAcquireOrRenew() {
        Instant now = clock.instant();
        try {
            HttpResponse<String> current = api.send("GET", path, null, Duration.ofSeconds(5));
            if (current.statusCode() == 404) {
                return became(write("POST", collectionPath, lease(null, null, now, now, 0), now, 201));
            }
            if (current.statusCode() != 200) {
                return failed("GET lease answered " + current.statusCode() + ": " + current.body(), now);
            }
            JsonNode lease = json.readTree(current.body());
            JsonNode spec = lease.path("spec");
            String holder = spec.path("holderIdentity").asText("");
            String version = lease.path("metadata").path("resourceVersion").asText(null);
            int transitions = spec.path("leaseTransitions").asInt(0);
            if (identity.equals(holder)) {
                Instant acquired = parse(spec.path("acquireTime").asText(null), now);
                return became(write("PUT", path, lease(version, holder, acquired, now, transitions), now, 200));
            }
            Instant renewed = parse(spec.path("renewTime").asText(null), Instant.EPOCH);
            long durationSeconds = spec.path("leaseDurationSeconds").asLong(leaseDuration.toSeconds());
            if (holder.isEmpty() || renewed.plusSeconds(durationSeconds).isBefore(now)) {
                Log.infof("lease %s held by '%s' expired; %s takes it over", name, holder, identity);
                return became(write("PUT", path, lease(version, identity, now, now, transitions + 1), now, 200));
            }
            lastError = null;
            return became(false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted", now);
        } catch (Exception e) {
            return failed(e.getMessage(), now);
        }
    }

    private boolean write(String method, String target, ObjectNode body, Instant now, int expected) throws Exception {
        HttpResponse<String> answer = api.send(method, target, json.writeValueAsString(body), Duration.ofSeconds(5));
        if (answer.statusCode() == expected || answer.statusCode() == 200) {
            lastRenewed = now;
            lastError = null;
            return true;
        }
        if (answer.statusCode() == 409) {
            lastError = null;
            return false; // another replica wrote first
        }
        throw new IllegalStateException(method + " lease answered " + answer.statusCode() + ": " + answer.body());
    }

    private ObjectNode lease(String resourceVersion, String holder, Instant acquired, Instant renewed, int transitions) {
        ObjectNode root = json.createObjectNode();
        root.put("apiVersion", "coordination.k8s.io/v1");
        root.put("kind", "Lease");
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("name", name);
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        ObjectNode spec = root.putObject("spec");
        spec.put("holderIdentity", holder == null ? identity : holder);
        spec.put("leaseDurationSeconds", leaseDuration.toSeconds());
        spec.put("acquireTime", MICRO_TIME.format(acquired.truncatedTo(ChronoUnit.MICROS)));
        spec.put("renewTime", MICRO_TIME.format(renewed.truncatedTo(ChronoUnit.MICROS)));
        spec.put("leaseTransitions", transitions);
        return root;
    }

    private boolean became(boolean leads) {
        if (leads != leader) {
            Log.infof(leads ? "%s now leads (lease %s): evaluating rules" : "%s no longer leads (lease %s): standing by", identity, name);
        }
        leader = leads;
        return leads;
    }

    private boolean failed(String error, Instant now) {
        lastError = error;
        if (leader && Duration.between(lastRenewed, now).compareTo(leaseDuration.multipliedBy(2).dividedBy(3)) > 0) {
            Log.warnf("cannot renew lease %s (%s): stepping down before it expires", name, error);
            return became(false);
        }
        Log.debugf("lease %s: %s", name, error);
        return leader;
    }

    private static Instant parse(String text, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Timestamps.parse(text);
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
